import { describe, expect } from 'vitest';
import type { Network } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { createInternalNetwork, type OurNetwork, removeNetworkQuietly } from './networks-fixtures.js';
import { expectValid } from './schemas/index.js';
import { fileFixture } from './support/file-fixture.js';
import { engineStatus, runToExit, suiteContext, withCmd, withNetworkMode } from './support/index.js';

const ctx = suiteContext();
const req = (op: string) => ({
  tags: ['networks'],
  requirements: [`docker-api:${op}`],
  needs: ['networks' as const],
});
/** Our labelled internal network, made once for the file, and its inspect. */
const ours = fileFixture(
  async (): Promise<{ net: OurNetwork; inspect: Network }> => {
    const net = await createInternalNetwork(ctx.client, ctx.uniqueName('net'), {
      ...ctx.runLabels,
      tier: 'gold',
    });
    return { net, inspect: await ctx.client.networks.inspect(net.id) };
  },
  ({ net }) => removeNetworkQuietly(ctx.client, net.id),
);

describe('NetworkCreate / NetworkInspect', () => {
  conformance('create answers 201 with a NetworkCreateResponse', req('NetworkCreate'), async () => {
    const name = ctx.uniqueName('net');
    const res = await ctx.client.raw('POST', '/networks/create', {
      body: { Name: name, Internal: true, Labels: { ...ctx.runLabels } },
    });
    const body = res.json() as { Id: string };
    ctx.defer(() => removeNetworkQuietly(ctx.client, body.Id ?? name));
    expect(res.status).toBe(201);
    expectValid('NetworkCreateResponse', body);
  });

  conformance('inspect follows the Network schema', req('NetworkInspect'), () => {
    const { inspect } = ours.get();
    expectValid('Network', inspect);
  });

  conformance(
    'inspect echoes name, id, bridge driver, local scope, internal, labels',
    req('NetworkInspect'),
    () => {
      const { net, inspect } = ours.get();
      expect([inspect.Name, inspect.Id, inspect.Driver, inspect.Scope, inspect.Internal]).toEqual([
        net.name,
        net.id,
        'bridge',
        'local',
        true,
      ]);
      expect(inspect.Labels).toEqual({ ...ctx.runLabels, tier: 'gold' });
    },
  );

  conformance('IPAM holds the subnet and gateway asked for', req('NetworkInspect'), () => {
    const { net, inspect } = ours.get();
    expect(inspect.IPAM?.Config).toEqual([
      expect.objectContaining({ Subnet: net.subnet, Gateway: net.gateway }),
    ]);
  });

  conformance('inspect by name equals inspect by ID', req('NetworkInspect'), async () => {
    const { net } = ours.get();
    expect((await ctx.client.networks.inspect(net.name)).Id).toBe(net.id);
  });

  conformance('an unknown network answers 404 with an ErrorResponse', req('NetworkInspect'), async () => {
    const res = await ctx.client.raw('GET', `/networks/${ctx.uniqueName('absent')}`);
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });

  conformance('a duplicate name with CheckDuplicate answers 409', req('NetworkCreate'), async () => {
    const { net } = ours.get();
    const res = await ctx.client.raw('POST', '/networks/create', {
      body: { Name: net.name, CheckDuplicate: true, Internal: true },
    });
    if (res.status === 201)
      ctx.defer(() => removeNetworkQuietly(ctx.client, (res.json() as { Id: string }).Id));
    expect(res.status).toBe(409);
  });
});

describe('an internal network seen from inside', () => {
  // dockerd keeps a default route on internal networks (isolation is done by iptables), so only the subnet is checked.
  conformance('a container on it routes the subnet through its interface', req('NetworkCreate'), async () => {
    const { net } = ours.get();
    const run = await runToExit(ctx, [withNetworkMode(net.name), withCmd('read', '/proc/net/route')]);
    expect(run.exitCode).toBe(0);
    const routes = (JSON.parse(run.stdout) as { content: string }).content;
    const prefix = net.subnet
      .split('.')
      .slice(0, 3)
      .map((o) => Number(o).toString(16).padStart(2, '0').toUpperCase())
      .reverse()
      .join('');
    expect(routes).toContain(`00${prefix}`);
  });
});

describe('NetworkList filters', () => {
  const ids = async (filters: Record<string, string[]>) =>
    (await ctx.client.networks.list(filters)).map((n) => n.Id);
  const runLabel = () => `${Object.keys(ctx.runLabels)[0]}=${ctx.runId}`;
  conformance('name=NAME', req('NetworkList'), async () => {
    const { net } = ours.get();
    expect(await ids({ name: [net.name] })).toEqual([net.id]);
  });
  conformance('id=ID', req('NetworkList'), async () => {
    const { net } = ours.get();
    expect(await ids({ id: [net.id] })).toEqual([net.id]);
  });
  conformance('label=KEY=VALUE', req('NetworkList'), async () => {
    const { net } = ours.get();
    expect(await ids({ label: [runLabel(), 'tier=gold'] })).toEqual([net.id]);
  });
  conformance('driver=bridge with our label', req('NetworkList'), async () => {
    const { net } = ours.get();
    expect(await ids({ label: [runLabel()], driver: ['bridge'] })).toContain(net.id);
  });
  conformance('type=custom holds ours, type=builtin does not', req('NetworkList'), async () => {
    const { net } = ours.get();
    expect(await ids({ type: ['custom'], name: [net.name] })).toEqual([net.id]);
    expect(await ids({ type: ['builtin'], name: [net.name] })).toEqual([]);
  });
  conformance('every listed item follows the Network schema', req('NetworkList'), async () => {
    const { net } = ours.get();
    const listed = await ctx.client.networks.list({ label: [runLabel()] });
    expect(listed.map((n) => n.Id)).toContain(net.id);
    for (const n of listed) expectValid('Network', n);
  });
});

describe('NetworkDelete', () => {
  conformance('answers 204 and the network is gone', req('NetworkDelete'), async () => {
    const other = await createInternalNetwork(ctx.client, ctx.uniqueName('net'), ctx.runLabels);
    ctx.defer(() => removeNetworkQuietly(ctx.client, other.id));
    const res = await ctx.client.raw('DELETE', `/networks/${other.id}`);
    expect(res.status).toBe(204);
    expect(await engineStatus(ctx.client.networks.inspect(other.id))).toBe(404);
  });
  conformance('an unknown network answers 404', req('NetworkDelete'), async () => {
    expect(await engineStatus(ctx.client.networks.remove(ctx.uniqueName('absent')))).toBe(404);
  });
});
