import { describe, expect } from 'vitest';
import type { Volume } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  engineStatus,
  runToExit,
  suiteContext,
  withBinds,
  withCmd,
  withNetworkMode,
} from './support/index.js';

const ctx = suiteContext();
const req = (op: string) => ({
  tags: ['volumes'],
  requirements: [`docker-api:${op}`],
  needs: ['volumes' as const],
});

/** Creates a volume of ours (run label added), removed after the test. */
async function volume(
  body: { Name?: string; Labels?: Record<string, string>; DriverOpts?: Record<string, string> } = {},
): Promise<Volume> {
  const created = await ctx.client.volumes.create({
    Name: ctx.uniqueName('vol'),
    ...body,
    Labels: { ...ctx.runLabels, ...body.Labels },
  });
  ctx.defer(() => ctx.client.volumes.remove(created.Name, { force: true }));
  return created;
}

describe('VolumeCreate', () => {
  conformance(
    'answers 201 with a Volume: name, local driver, labels, local scope',
    req('VolumeCreate'),
    async () => {
      const name = ctx.uniqueName('vol');
      ctx.defer(() => ctx.client.volumes.remove(name, { force: true }));
      const res = await ctx.client.raw('POST', '/volumes/create', {
        body: { Name: name, Labels: { ...ctx.runLabels, tier: 'gold' } },
      });
      expect(res.status).toBe(201);
      const body = res.json() as Volume;
      expectValid('Volume', body);
      expect([body.Name, body.Driver, body.Scope]).toEqual([name, 'local', 'local']);
      expect(body.Labels).toEqual({ ...ctx.runLabels, tier: 'gold' });
    },
  );

  conformance('DriverOpts are kept as Options', req('VolumeCreate'), async () => {
    const opts = { type: 'tmpfs', device: 'tmpfs', o: 'size=4m' };
    const created = await volume({ DriverOpts: opts });
    expect(created.Options).toEqual(opts);
  });

  conformance(
    'tmpfs driver options take effect in a container mounting it',
    req('VolumeCreate'),
    async () => {
      const created = await volume({ DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=4m' } });
      const run = await runToExit(ctx, [
        withBinds(`${created.Name}:/data`),
        withNetworkMode('none'),
        withCmd('report', 'mounts'),
      ]);
      const mounts = (
        JSON.parse(run.stdout) as { mounts: { mount_point: string; fstype: string; super_options: string }[] }
      ).mounts;
      const data = mounts.find((m) => m.mount_point === '/data');
      expect(data?.fstype).toBe('tmpfs');
      expect(data?.super_options).toMatch(/size=4096k/);
    },
  );

  conformance('without a Name the engine picks a unique one', req('VolumeCreate'), async () => {
    const created = await ctx.client.volumes.create({ Labels: { ...ctx.runLabels } });
    ctx.defer(() => ctx.client.volumes.remove(created.Name, { force: true }));
    expect(created.Name).toMatch(/^[0-9a-f]{64}$/);
  });

  conformance('creating an existing name again returns the same volume', req('VolumeCreate'), async () => {
    const first = await volume();
    const again = await ctx.client.volumes.create({ Name: first.Name });
    expect([again.Name, again.Mountpoint]).toEqual([first.Name, first.Mountpoint]);
  });
});

describe('VolumeInspect', () => {
  conformance('answers the Volume as created', req('VolumeInspect'), async () => {
    const created = await volume({ Labels: { a: 'b' } });
    const inspect = await ctx.client.volumes.inspect(created.Name);
    expectValid('Volume', inspect);
    expect([inspect.Name, inspect.Mountpoint, inspect.Labels]).toEqual([
      created.Name,
      created.Mountpoint,
      created.Labels,
    ]);
    expect(Date.parse(inspect.CreatedAt ?? '')).toBeGreaterThan(Date.now() - 600_000);
  });

  conformance('an unknown volume answers 404 with an ErrorResponse', req('VolumeInspect'), async () => {
    const res = await ctx.client.raw('GET', `/volumes/${ctx.uniqueName('absent')}`);
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });
});

describe('VolumeDelete', () => {
  conformance('answers 204 and the volume is gone', req('VolumeDelete'), async () => {
    const created = await volume();
    const res = await ctx.client.raw('DELETE', `/volumes/${created.Name}`);
    expect(res.status).toBe(204);
    expect(await engineStatus(ctx.client.volumes.inspect(created.Name))).toBe(404);
  });

  conformance('an unknown volume answers 404', req('VolumeDelete'), async () => {
    expect(await engineStatus(ctx.client.volumes.remove(ctx.uniqueName('absent')))).toBe(404);
  });

  conformance('a volume a container uses answers 409 and stays', req('VolumeDelete'), async () => {
    const created = await volume();
    await runToExit(ctx, [withBinds(`${created.Name}:/data`), withNetworkMode('none'), withCmd('exit', '0')]);
    const res = await ctx.client.raw('DELETE', `/volumes/${created.Name}`);
    expect(res.status).toBe(409);
    expectValid('ErrorResponse', res.json());
    expect((await ctx.client.volumes.inspect(created.Name)).Name).toBe(created.Name);
  });

  conformance(
    'force on an unknown volume answers 204 (no error for a missing volume)',
    req('VolumeDelete'),
    async () => {
      const res = await ctx.client.raw('DELETE', `/volumes/${ctx.uniqueName('absent')}`, {
        query: { force: '1' },
      });
      expect(res.status).toBe(204);
    },
  );
});

describe('volume data', () => {
  conformance(
    'what one container writes, the next container mounting the volume reads',
    req('VolumeCreate'),
    async () => {
      const created = await volume();
      const bind = withBinds(`${created.Name}:/data`);
      const write = await runToExit(ctx, [
        bind,
        withNetworkMode('none'),
        withCmd('write', '/data/kept', 'across containers'),
      ]);
      expect(write.exitCode).toBe(0);
      const read = await runToExit(ctx, [bind, withNetworkMode('none'), withCmd('read', '/data/kept')]);
      expect((JSON.parse(read.stdout) as { content: string }).content).toBe('across containers');
    },
  );
});
