import { cpus, hostname, totalmem } from 'node:os';
import { beforeAll, describe, expect } from 'vitest';
import type { SystemInfo } from '../../core/engines/docker-api/index.js';
import { conformance, waitFor } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { RUN_LABEL, suiteContext, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const opts = { tags: ['system', 'info'], requirements: ['docker-api:SystemInfo'] };
const local = () => ctx.engine.address.startsWith('unix://');
let info: SystemInfo;

beforeAll(async () => {
  // One created (never started), one exited and one running container of our own.
  await fileContainer(false, withCmd('exit', '0'), withNetworkMode('none'));
  const exited = await fileContainer(true, withCmd('exit', '0'), withNetworkMode('none'));
  await ctx.client.containers.wait(exited.id);
  await fileContainer(true, withCmd('sleep', '60'), withNetworkMode('none'));
  info = await ctx.client.info();
});

/** Polls until two /info reads around `read` agree on `pick`, then returns [info value, read value]. */
async function stableAgainst(
  pick: (i: SystemInfo) => number | undefined,
  read: () => Promise<number>,
  what: string,
) {
  return waitFor(
    async () => {
      const before = pick(await ctx.client.info());
      const listed = await read();
      const after = pick(await ctx.client.info());
      return before === after && before === listed ? [before, listed] : false;
    },
    { timeoutMs: 15_000, intervalMs: 200, describe: what },
  );
}

describe('SystemInfo', () => {
  conformance('the body follows the SystemInfo schema', opts, () => {
    expectValid('SystemInfo', info);
  });

  conformance('Containers is Running + Paused + Stopped', opts, () => {
    expect(info.Containers).toBe(
      (info.ContainersRunning ?? 0) + (info.ContainersPaused ?? 0) + (info.ContainersStopped ?? 0),
    );
  });

  conformance('the counts include our running and stopped containers', opts, async () => {
    const ours = await ctx.client.containers.list({
      all: true,
      filters: { label: [`${RUN_LABEL}=${ctx.runId}`] },
    });
    expect(ours).toHaveLength(3);
    expect(info.ContainersRunning).toBeGreaterThanOrEqual(1);
    expect(info.ContainersStopped).toBeGreaterThanOrEqual(1);
    expect(info.Images).toBeGreaterThanOrEqual(1);
  });

  conformance('Containers equals the length of GET /containers/json?all=1', opts, async () => {
    await stableAgainst(
      (i) => i.Containers,
      async () => (await ctx.client.containers.list({ all: true })).length,
      '/info Containers to equal the container list',
    );
  });

  conformance('ContainersRunning equals the length of GET /containers/json', opts, async () => {
    await stableAgainst(
      (i) => i.ContainersRunning,
      async () => (await ctx.client.containers.list()).length,
      '/info ContainersRunning to equal the running list',
    );
  });

  conformance('Images equals the length of GET /images/json?all=1', opts, async () => {
    await stableAgainst(
      (i) => i.Images,
      async () => (await ctx.client.images.list({ all: true })).length,
      '/info Images to equal the image list',
    );
  });

  conformance('Driver is the storage driver our image reports', opts, async () => {
    const image = await ctx.client.images.inspect(ctx.imageId);
    expect(info.Driver).toBe(image.GraphDriver?.Name);
  });

  conformance('DockerRootDir holds the volumes the engine creates', opts, async () => {
    const name = ctx.uniqueName('info-vol');
    const volume = await ctx.client.volumes.create({ Name: name, Labels: { ...ctx.runLabels } });
    ctx.defer(() => ctx.client.volumes.remove(name, { force: true }));
    expect(volume.Mountpoint.startsWith(`${info.DockerRootDir}/`)).toBe(true);
  });

  conformance('NCPU, MemTotal and Name describe this host (engine on a local socket)', opts, (t) => {
    if (!local()) t.skip('engine is not on this host');
    expect(info.NCPU).toBe(cpus().length);
    expect(Math.abs((info.MemTotal ?? 0) - totalmem())).toBeLessThan(totalmem() * 0.05);
    expect(info.Name).toBe(hostname());
  });
});
