import { readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { conformance, waitFor } from '../support/index.js';
import {
  createContainer,
  isGone,
  jsonLines,
  readInContainer,
  runContainer,
  runToExit,
  suiteContext,
  waitReady,
  withAutoRemove,
  withBinds,
  withCmd,
  withMounts,
  withPortBinding,
  withReadonlyRootfs,
  withRestartPolicy,
} from './support/index.js';

const ctx = suiteContext();
const create = { tags: ['containers', 'create'], requirements: ['docker-api:ContainerCreate'] };

/** A host dir holding `host.txt`. */
async function hostDir(): Promise<string> {
  const dir = await ctx.tempDir();
  await writeFile(join(dir, 'host.txt'), 'from the host\n');
  return dir;
}

const writeFails = async (path: string, ...opts: Parameters<typeof runToExit>[1]) => {
  const run = await runToExit(ctx, [...opts, withCmd('write', path, 'x')]);
  expect(run.exitCode).toBe(1);
  expect(jsonLines(run.stdout)[0]).toMatchObject({ error: 'EROFS' });
};

describe('ContainerCreate: HostConfig Binds and Mounts', () => {
  conformance('a rw bind shows host files and takes writes', create, async () => {
    const dir = await hostDir();
    const read = await readInContainer(ctx, '/data/host.txt', withBinds(`${dir}:/data`));
    expect(read.content).toBe('from the host\n');
    const run = await runToExit(ctx, [
      withBinds(`${dir}:/data:rw`),
      withCmd('write', '/data/out.txt', 'inside'),
    ]);
    expect(run.exitCode).toBe(0);
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('inside');
  });

  conformance('a ro bind is readable and refuses writes with EROFS', create, async () => {
    const dir = await hostDir();
    expect((await readInContainer(ctx, '/data/host.txt', withBinds(`${dir}:/data:ro`))).content).toBe(
      'from the host\n',
    );
    await writeFails('/data/out.txt', withBinds(`${dir}:/data:ro`));
  });

  conformance('a bind Mount maps the host directory, ReadOnly refuses writes', create, async () => {
    const dir = await hostDir();
    const bind = { Type: 'bind', Source: dir, Target: '/m' } as const;
    expect((await readInContainer(ctx, '/m/host.txt', withMounts(bind))).content).toBe('from the host\n');
    await writeFails('/m/out.txt', withMounts({ ...bind, ReadOnly: true }));
  });

  conformance('a volume Mount keeps data from one container to the next', create, async () => {
    const volume = ctx.uniqueName('vol');
    ctx.defer(() => ctx.client.volumes.remove(volume, { force: true }));
    const mount = { Type: 'volume', Source: volume, Target: '/vol' } as const;
    const first = await runToExit(ctx, [withMounts(mount), withCmd('write', '/vol/kept.txt', 'kept')]);
    expect(first.exitCode).toBe(0);
    expect((await readInContainer(ctx, '/vol/kept.txt', withMounts(mount))).content).toBe('kept');
    const inspect = await ctx.client.containers.inspect(first.id);
    expect(inspect.Mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Type: 'volume', Name: volume, Destination: '/vol' }),
      ]),
    );
  });

  conformance('a tmpfs Mount has the size and mode given', create, async () => {
    const tmpfs = {
      Type: 'tmpfs',
      Target: '/t',
      TmpfsOptions: { SizeBytes: 4 * 1024 * 1024, Mode: 0o1770 },
    } as const;
    const run = await runToExit(ctx, [withMounts(tmpfs), withCmd('sh', '-c', 'report mounts && stat /t')]);
    expect(run.exitCode).toBe(0);
    const [report, stat] = jsonLines(run.stdout) as [
      { mounts: { mount_point: string; fstype: string; super_options: string }[] },
      { stat: { mode: string; type: string } },
    ];
    const mount = report.mounts.find((m) => m.mount_point === '/t');
    expect(mount?.fstype).toBe('tmpfs');
    expect(mount?.super_options).toMatch(/(^|,)size=4096k(,|$)/);
    expect(stat.stat).toMatchObject({ type: 'dir', mode: '1770' });
  });
});

describe('ContainerCreate: ReadonlyRootfs', () => {
  conformance('writes to the root filesystem fail with EROFS', create, async () => {
    await writeFails('/etc/new-file', withReadonlyRootfs());
  });

  conformance('without it the root filesystem is writable', create, async () => {
    const run = await runToExit(ctx, [withCmd('write', '/etc/new-file', 'x')]);
    expect(run.exitCode).toBe(0);
  });
});

/** Connect to 127.0.0.1:port and read until the server closes (bounded). */
function readLine(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer from 127.0.0.1:${port}`)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const servedBy = async (port: number) =>
  waitFor(
    async () => {
      const text = await readLine(port);
      return text.includes('"hostname"') ? (JSON.parse(text.trim()) as { hostname: string }) : false;
    },
    { timeoutMs: 15_000, describe: `probe serve answering on 127.0.0.1:${port}` },
  );

describe('ContainerCreate: PortBindings', () => {
  conformance('an engine-chosen 127.0.0.1 port reaches the server in the container', create, async () => {
    const { id } = await runContainer(ctx, withPortBinding(8080, '127.0.0.1'), withCmd('serve', '8080'));
    await waitReady(ctx, id);
    const inspect = await ctx.client.containers.inspect(id);
    const [binding] = inspect.NetworkSettings?.Ports?.['8080/tcp'] ?? [];
    expect(binding?.HostIp).toBe('127.0.0.1');
    const port = Number(binding?.HostPort);
    expect(port).toBeGreaterThan(0);
    expect((await servedBy(port)).hostname).toBe(id.slice(0, 12));
  });

  conformance('a fixed host port is published as asked', create, async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { id } = await runContainer(
      ctx,
      withPortBinding(9000, '127.0.0.1', port),
      withCmd('serve', '9000'),
    );
    await waitReady(ctx, id);
    const [listed] = await ctx.client.containers.list({ filters: { id: [id] } });
    expect(listed?.Ports).toEqual(
      expect.arrayContaining([expect.objectContaining({ PrivatePort: 9000, PublicPort: port, Type: 'tcp' })]),
    );
    expect((await servedBy(port)).hostname).toBe(id.slice(0, 12));
  });
});

describe('ContainerCreate: RestartPolicy and AutoRemove', () => {
  describe.each([
    { Name: 'no' },
    { Name: 'always' },
    { Name: 'unless-stopped' },
    { Name: 'on-failure', MaximumRetryCount: 3 },
  ] as const)('RestartPolicy $Name', (policy) => {
    conformance('is kept in inspect', create, async () => {
      const { id } = await createContainer(ctx, withRestartPolicy(policy.Name, policy.MaximumRetryCount));
      const inspect = await ctx.client.containers.inspect(id);
      expect(inspect.HostConfig?.RestartPolicy).toMatchObject(policy);
    });
  });

  conformance('AutoRemove: the container is gone after it exits', create, async () => {
    const { id } = await createContainer(ctx, withAutoRemove(), withCmd('exit', '0'));
    expect((await ctx.client.containers.inspect(id)).HostConfig?.AutoRemove).toBe(true);
    await ctx.client.containers.start(id);
    await waitFor(isGone(ctx, id), { timeoutMs: 20_000, describe: `auto-removed ${id}` });
  });
});
