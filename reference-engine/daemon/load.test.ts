import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DockerApiClient } from '../../core/engines/docker-api/client.js';
import { pollFor } from '../../core/wait-for.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import {
  containerCgroups,
  mountsUnder,
  processesWith,
  rootContents,
  type ShipdDirs,
  ShipdProcess,
  scrubShipd,
  shipdDirs,
  whyNoShipd,
} from './testing/shipd-under-test.js';

// Load on the built daemon: many concurrent create+start calls through the HTTP API all succeed, and
// once the containers are removed nothing of them is left, in the kernel or in the daemon.

const why = whyNoShipd();
const PROBE = 'probe:load';
const CONCURRENT = 200;
let probeTar: Buffer;
const scratch: Array<{ dirs: ShipdDirs; cgroup: string }> = [];

beforeAll(async () => {
  if (why) return;
  probeTar = await dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE] });
}, 120_000);

afterEach(async () => {
  for (const { dirs, cgroup } of scratch.splice(0)) await scrubShipd(dirs, cgroup);
}, 120_000);

/**
 * Descriptors the daemon may hold after the load that it did not hold before: none for containers
 * (each create, start and remove closes what it opened), and the closed client's sockets are waited
 * for (up to 10 s). The one descriptor of slack is for a lazily made one the warm-up did not reach
 * (Node opens some on first use and keeps them: the inotify instance, the child-process signal pipe).
 */
const FD_SLACK = 1;

describe.skipIf(why !== '')(`shipd under load${why ? ` (${why})` : ''}`, () => {
  it(`${CONCURRENT} concurrent create+start calls all succeed; after removal no mount, cgroup, shim or descriptor is left`, async () => {
    const dirs = shipdDirs('shipd-load-');
    const cgroup = `shipshape-test-${randomBytes(4).toString('hex')}`;
    scratch.push({ dirs, cgroup });
    const shipd = await ShipdProcess.start(dirs);
    await shipd.api.images.load(probeTar);
    const body = {
      Image: PROBE,
      Cmd: ['sleep', '120'],
      HostConfig: { NetworkMode: 'none', CgroupParent: `/${cgroup}` },
    };
    // One container first, so what the daemon opens once and keeps (its inotify, the child-process
    // signal pipe, pooled threads' descriptors) is open before the count.
    const warm = (await shipd.api.containers.create('warm', body)).Id;
    await shipd.api.containers.start(warm);
    await shipd.api.containers.remove(warm, { force: true });
    await shipd.api.close(); // its keep-alive sockets too
    const fdsBefore = await settledFdCount(shipd);
    const kindsBefore = shipd.fdKinds();

    const client = new DockerApiClient(`unix://${dirs.sock}`, {
      connections: CONCURRENT,
      timeoutMs: 120_000,
    });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const { Id } = await client.containers.create(`load-${i}`, body);
          await client.containers.start(Id);
          return Id;
        }),
      );
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failed).toEqual([]);
      const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(new Set(ids).size).toBe(CONCURRENT);
      const running = await client.containers.list();
      expect(running.filter((c) => c.State === 'running')).toHaveLength(CONCURRENT);
      expect(processesWith(`${dirs.run}/runtime/`)).toHaveLength(CONCURRENT); // one shim each
      expect(mountsUnder(dirs.root)).toHaveLength(CONCURRENT); // one rootfs each

      const removed = await Promise.allSettled(
        ids.map((id) => client.containers.remove(id, { force: true, v: true })),
      );
      expect(removed.filter((r) => r.status === 'rejected')).toEqual([]);
    } finally {
      await client.close();
    }

    expect(mountsUnder(dirs.root)).toEqual([]);
    expect(containerCgroups(cgroup)).toEqual([]);
    expect(processesWith(`${dirs.run}/runtime/`)).toEqual([]);
    const root = rootContents(dirs);
    expect([root.containerDirs, root.activeSnapshots, root.orphanSnapshotDirs, root.volumes]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    // Sockets of the closed client go as the daemon gets to them; a leak never does.
    const fdsAfter =
      (await pollFor(
        () => {
          const n = shipd.fdCount();
          return n <= fdsBefore + FD_SLACK ? n : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100, describe: 'the daemon to close what the load opened' },
      )) ?? shipd.fdCount();
    const grown = Object.entries(shipd.fdKinds()).filter(([kind, n]) => n > (kindsBefore[kind] ?? 0));
    expect(fdsAfter, `descriptors that grew: ${JSON.stringify(grown)}`).toBeLessThanOrEqual(
      fdsBefore + FD_SLACK,
    );
    expect(await shipd.pings()).toBe(true);
    expect(await shipd.stop()).toBe(0);
  }, 240_000);
});

/** The daemon's descriptor count once it stops changing (closed sockets go asynchronously), at most 5 s. */
async function settledFdCount(shipd: ShipdProcess): Promise<number> {
  let last = shipd.fdCount();
  await pollFor(
    () => {
      const now = shipd.fdCount();
      const same = now === last;
      last = now;
      return same;
    },
    { timeoutMs: 5000, intervalMs: 250, describe: 'the descriptor count to settle' },
  );
  return last;
}
