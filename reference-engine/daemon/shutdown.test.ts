import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../core/wait-for.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import {
  containerCgroups,
  mountsUnder,
  processesWith,
  type ShipdDirs,
  ShipdProcess,
  scrubShipd,
  shipdDirs,
  whyNoShipd,
} from './testing/shipd-under-test.js';

// dockerd's shutdown, on the built daemon: without --live-restore a SIGTERM stops every running
// container (its stop signal, SIGKILL after its stop timeout) and leaves nothing behind; with it the
// containers keep running and the next daemon adopts them.

const why = whyNoShipd();
const PROBE = 'probe:shutdown';
let probeTar: Buffer;
const scratch: Array<{ dirs: ShipdDirs; cgroup: string }> = [];

beforeAll(async () => {
  if (why) return;
  probeTar = await dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE] });
}, 120_000);

afterEach(async () => {
  for (const { dirs, cgroup } of scratch.splice(0)) await scrubShipd(dirs, cgroup);
}, 60_000);

function place(): { dirs: ShipdDirs; cgroup: string } {
  const s = {
    dirs: shipdDirs('shipd-shutdown-'),
    cgroup: `shipshape-test-${randomBytes(4).toString('hex')}`,
  };
  scratch.push(s);
  return s;
}

async function run(shipd: ShipdProcess, cgroup: string, body: Record<string, unknown>): Promise<string> {
  const { HostConfig, ...rest } = body;
  const { Id } = await shipd.api.containers.create(undefined, {
    Image: PROBE,
    ...rest,
    HostConfig: { NetworkMode: 'none', CgroupParent: `/${cgroup}`, ...(HostConfig as object) },
  });
  await shipd.api.containers.start(Id);
  // sigwait and ignore-signals set their handlers, then log "ready": a SIGTERM before that meets a
  // PID 1 without a handler, which ignores it, and the stop takes the whole default timeout
  const cmd = String((body.Cmd as string[] | undefined)?.[0]);
  if (cmd === 'sigwait' || cmd === 'ignore-signals')
    await waitFor(
      async () => (await shipd.api.containers.logs(Id, { tty: false })).stdout.toString().includes('"ready"'),
      { timeoutMs: 30_000, intervalMs: 20, describe: `container ${Id.slice(0, 12)} to log ready` },
    );
  return Id;
}

async function pidOf(shipd: ShipdProcess, id: string): Promise<number> {
  const pid = (await shipd.api.containers.inspect(id)).State?.Pid;
  if (!pid) throw new Error(`container ${id} has no pid`);
  return pid;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(why !== '')(`shipd shutdown${why ? ` (${why})` : ''}`, () => {
  it('without --live-restore, SIGTERM stops every container (stop signal, SIGKILL after its timeout), leaves nothing and exits 0', async () => {
    const { dirs, cgroup } = place();
    let shipd = await ShipdProcess.start(dirs);
    await shipd.api.images.load(probeTar);
    expect((await shipd.api.info()).LiveRestoreEnabled).toBe(false);
    const term = await run(shipd, cgroup, { Cmd: ['sigwait', '--exit-on', 'SIGTERM'] });
    const stubborn = await run(shipd, cgroup, { Cmd: ['ignore-signals', '300'], StopTimeout: 1 });
    const paused = await run(shipd, cgroup, { Cmd: ['sleep', '300'], StopTimeout: 1 });
    await shipd.api.containers.pause(paused);
    const always = await run(shipd, cgroup, {
      Cmd: ['sigwait', '--exit-on', 'SIGTERM'],
      HostConfig: { RestartPolicy: { Name: 'always' } },
    });
    const pids = await Promise.all([term, stubborn, paused, always].map((id) => pidOf(shipd, id)));
    expect(containerCgroups(cgroup).length).toBeGreaterThan(0);
    expect(mountsUnder(dirs.dir).length).toBeGreaterThanOrEqual(4);

    const started = Date.now();
    expect(await shipd.stop('SIGTERM')).toBe(0);
    const took = Date.now() - started;
    expect(took).toBeLessThan(9_000); // the longest stop timeout here is 1 s, not the default 10 s
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(processesWith(dirs.dir)).toEqual([]); // no shim
    expect(mountsUnder(dirs.dir)).toEqual([]); // rootfs unmounted
    expect(containerCgroups(cgroup)).toEqual([]); // runtime state deleted

    // The records say how each one ended; a shutdown is not a manual stop, so `always` starts again.
    shipd = await ShipdProcess.start(dirs);
    const state = async (id: string) => (await shipd.api.containers.inspect(id)).State;
    expect(await state(term)).toMatchObject({ Status: 'exited', ExitCode: 143 });
    expect(await state(stubborn)).toMatchObject({ Status: 'exited', ExitCode: 137 });
    expect(await state(paused)).toMatchObject({ Status: 'exited', ExitCode: 137 });
    expect(await state(always)).toMatchObject({ Status: 'running', Running: true });
    expect(await shipd.stop('SIGTERM')).toBe(0);
    expect(processesWith(dirs.dir)).toEqual([]);
    expect(mountsUnder(dirs.dir)).toEqual([]);
  }, 90_000);

  it('with --live-restore, SIGTERM leaves the containers running and the next daemon adopts them', async () => {
    const { dirs, cgroup } = place();
    let shipd = await ShipdProcess.start(dirs, { liveRestore: true });
    await shipd.api.images.load(probeTar);
    expect((await shipd.api.info()).LiveRestoreEnabled).toBe(true);
    const id = await run(shipd, cgroup, { Cmd: ['sigwait', '--exit-on', 'SIGTERM'] });
    const Pid = await pidOf(shipd, id);
    expect(await shipd.stop('SIGTERM')).toBe(0);
    expect(alive(Pid)).toBe(true);
    expect(processesWith(dirs.dir)).toHaveLength(1); // its shim
    expect(containerCgroups(cgroup).length).toBeGreaterThan(0);

    shipd = await ShipdProcess.start(dirs, { liveRestore: true });
    expect((await shipd.api.containers.inspect(id)).State).toMatchObject({ Running: true, Pid });
    await shipd.api.containers.stop(id, { t: 5 });
    expect((await shipd.api.containers.inspect(id)).State).toMatchObject({ Running: false, ExitCode: 143 });
    expect(await shipd.stop('SIGTERM')).toBe(0);
    expect(processesWith(dirs.dir)).toEqual([]);
    expect(mountsUnder(dirs.dir)).toEqual([]);
  }, 90_000);
});
