import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  createInternalNetwork,
  interfaces,
  type OurNetwork,
  removeNetworkQuietly,
} from './networks-fixtures.js';
import { expectValid } from './schemas/index.js';
import { fileFixture } from './support/file-fixture.js';
import { engineStatus, suiteContext, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const connect = {
  tags: ['networks'],
  requirements: ['docker-api:NetworkConnect'],
  needs: ['networks' as const, 'exec' as const],
};
const disconnect = {
  tags: ['networks'],
  requirements: ['docker-api:NetworkDisconnect'],
  needs: ['networks' as const, 'exec' as const],
};
const prune = {
  tags: ['networks', 'prune'],
  requirements: ['docker-api:NetworkPrune'],
  needs: ['networks' as const],
};
interface Setup {
  readonly home: OurNetwork;
  readonly extra: OurNetwork;
  readonly container: { readonly id: string; readonly name: string };
}

/** Two networks of ours and a running container on `home`, made once for the file. */
const setup = fileFixture(
  async (): Promise<Setup> => {
    const made: OurNetwork[] = [];
    try {
      made.push(await createInternalNetwork(ctx.client, ctx.uniqueName('home'), ctx.runLabels));
      made.push(await createInternalNetwork(ctx.client, ctx.uniqueName('extra'), ctx.runLabels));
      const [home, extra] = made as [OurNetwork, OurNetwork];
      const container = await fileContainer(true, withNetworkMode(home.name), withCmd('sleep', '120'));
      return { home, extra, container };
    } catch (err) {
      for (const net of made) await removeNetworkQuietly(ctx.client, net.id).catch(() => undefined);
      throw err;
    }
  },
  async ({ home, extra, container }) => {
    await ctx.client.containers.remove(container.id, { force: true }).catch(() => undefined);
    await removeNetworkQuietly(ctx.client, extra.id);
    await removeNetworkQuietly(ctx.client, home.id);
  },
);

/** `probe read PATH` through exec in our container. */
async function readInside(path: string): Promise<string> {
  const res = await ctx.client.exec.run(setup.get().container.id, ['/bin/probe', 'read', path]);
  return (JSON.parse(res.stdout.toString('utf8')) as { content: string }).content;
}
const post = (net: OurNetwork, action: 'connect' | 'disconnect') =>
  ctx.client.raw('POST', `/networks/${net.id}/${action}`, {
    body: { Container: setup.get().container.id },
  });

/** Connects our container to `extra` for this test only; the connect answer's status. */
async function connected(): Promise<number> {
  const { extra } = setup.get();
  ctx.defer(() => post(extra, 'disconnect'));
  return (await post(extra, 'connect')).status;
}

describe('NetworkConnect / NetworkDisconnect', () => {
  conformance(
    'connect answers 200; inspect lists the container with an address in the subnet',
    connect,
    async () => {
      const { extra, container } = setup.get();
      expect(await connected()).toBe(200);
      const inspect = await ctx.client.networks.inspect(extra.id);
      expectValid('Network', inspect);
      const entry = inspect.Containers?.[container.id];
      expect(entry?.Name).toBe(container.name);
      expect(entry?.IPv4Address?.startsWith(extra.subnet.replace(/0\/24$/, ''))).toBe(true);
      expect(entry?.IPv4Address?.endsWith('/24')).toBe(true);
    },
  );

  conformance('the container sees a second interface and the new address', connect, async () => {
    const { extra, container } = setup.get();
    await connected();
    const address = (await ctx.client.networks.inspect(extra.id)).Containers?.[
      container.id
    ]?.IPv4Address?.split('/')[0];
    const names = interfaces(await readInside('/proc/net/dev'));
    expect(names).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining(['eth0', 'lo']));
    expect(await readInside('/proc/net/fib_trie')).toContain(address);
  });

  conformance('container inspect lists both networks', connect, async () => {
    const { home, extra, container } = setup.get();
    await connected();
    const networks = (await ctx.client.containers.inspect(container.id)).NetworkSettings?.Networks ?? {};
    expect(Object.keys(networks).sort()).toEqual([extra.name, home.name].sort());
    expect(networks[extra.name]?.NetworkID).toBe(extra.id);
  });

  conformance('removing a network with a connected container answers 403', connect, async () => {
    const busy = await createInternalNetwork(ctx.client, ctx.uniqueName('busy'), ctx.runLabels);
    ctx.defer(() => removeNetworkQuietly(ctx.client, busy.id));
    ctx.defer(() => post(busy, 'disconnect'));
    expect((await post(busy, 'connect')).status).toBe(200);
    expect(await engineStatus(ctx.client.networks.remove(busy.id))).toBe(403);
    expect(await engineStatus(ctx.client.networks.inspect(busy.id))).toBe(200);
  });

  conformance(
    'disconnect answers 200; the container leaves the map and loses the interface',
    disconnect,
    async () => {
      const { extra, container } = setup.get();
      const before = interfaces(await readInside('/proc/net/dev'));
      await connected();
      expect(interfaces(await readInside('/proc/net/dev'))).toHaveLength(before.length + 1);
      expect((await post(extra, 'disconnect')).status).toBe(200);
      expect(Object.keys((await ctx.client.networks.inspect(extra.id)).Containers ?? {})).not.toContain(
        container.id,
      );
      expect(interfaces(await readInside('/proc/net/dev'))).toEqual(before);
    },
  );

  conformance('connect of an unknown container answers 404', connect, async () => {
    const { extra } = setup.get();
    const res = await ctx.client.raw('POST', `/networks/${extra.id}/connect`, {
      body: { Container: ctx.uniqueName('absent') },
    });
    expect(res.status).toBe(404);
  });
});

describe('NetworkPrune', () => {
  conformance('with our label removes our unused network and keeps the one in use', prune, async () => {
    const { home } = setup.get();
    const unused = await createInternalNetwork(ctx.client, ctx.uniqueName('prunable'), {
      ...ctx.runLabels,
      prune: 'me',
    });
    ctx.defer(() => removeNetworkQuietly(ctx.client, unused.id));
    const label = `${Object.keys(ctx.runLabels)[0]}=${ctx.runId}`;
    const res = await ctx.client.raw('POST', '/networks/prune', {
      query: { filters: JSON.stringify({ label: [label] }) },
    });
    expect(res.status).toBe(200);
    const body = res.json() as { NetworksDeleted: string[] | null };
    expectValid('NetworkPruneResponse', body);
    expect(body.NetworksDeleted ?? []).toContain(unused.name);
    expect(await engineStatus(ctx.client.networks.inspect(unused.id))).toBe(404);
    expect(await engineStatus(ctx.client.networks.inspect(home.id))).toBe(200);
  });
});
