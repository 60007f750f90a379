import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, type Prng, testSeed } from '../../core/prng.js';
import { waitFor } from '../../core/wait-for.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import type { ContainerState } from '../../spec/docker-api/containers.js';
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

// Crash safety, on the built daemon: `kill -9` of shipd with running containers, and in the middle of
// concurrent creates and removes. Containers are the shims' children, so they outlive the daemon; the
// next daemon on the same root adopts them, and finishes or rolls back what the crash cut off.

const why = whyNoShipd();
const PROBE = 'probe:crash';
const SEED = testSeed(0x5eed15);
let probeTar: Buffer;
const scratch: Array<{ dirs: ShipdDirs; cgroup: string }> = [];

beforeAll(async () => {
  if (why) return;
  probeTar = await dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE] });
}, 120_000);

afterEach(async () => {
  for (const { dirs, cgroup } of scratch.splice(0)) await scrubShipd(dirs, cgroup);
}, 120_000);

/** A scratch root, a CgroupParent of its own (so leftover cgroups can be found), and a started daemon. */
async function setUp(): Promise<{ dirs: ShipdDirs; cgroup: string; shipd: ShipdProcess }> {
  const s = { dirs: shipdDirs('shipd-crash-'), cgroup: `shipshape-test-${randomBytes(4).toString('hex')}` };
  scratch.push(s);
  const shipd = await ShipdProcess.start(s.dirs, { liveRestore: true, connections: 32 });
  await shipd.api.images.load(probeTar);
  return { ...s, shipd };
}

function body(cgroup: string, cmd: string[], extra: Record<string, unknown> = {}) {
  const { HostConfig, ...rest } = extra;
  return {
    Image: PROBE,
    Cmd: cmd,
    ...rest,
    HostConfig: { NetworkMode: 'none', CgroupParent: `/${cgroup}`, ...(HostConfig as object) },
  };
}

async function stateOf(shipd: ShipdProcess, id: string): Promise<ContainerState> {
  const state = (await shipd.api.containers.inspect(id)).State;
  if (!state) throw new Error(`container ${id}: inspect has no State`);
  return state;
}

/** 404 for a container that is gone, its state otherwise. */
async function stateOrGone(shipd: ShipdProcess, id: string): Promise<ContainerState | 'gone'> {
  const res = await shipd.api.raw('GET', `/containers/${id}/json`);
  if (res.status === 404) return 'gone';
  if (res.status !== 200) throw new Error(`inspect ${id}: ${res.status} ${res.text()}`);
  return (res.json() as { State: ContainerState }).State;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The `tick N` numbers of a container's log, with the time the daemon's log gives each line. */
async function ticks(shipd: ShipdProcess, id: string): Promise<Array<{ n: number; at: number }>> {
  const out = await shipd.api.containers.logs(id, { stdout: true, timestamps: true, tty: false });
  return out.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S+) tick (\d+)$/.exec(line);
      if (!m) throw new Error(`unexpected log line: ${JSON.stringify(line)}`);
      return { at: Date.parse(m[1] as string), n: Number(m[2]) };
    });
}

/** A kill at a seeded moment inside a window of `windowMs`: between 10% and 90% of it. */
const killDelay = (rng: Prng, windowMs: number): number => Math.round(windowMs * (0.1 + 0.8 * rng()));

/** Nothing the daemon made is left: no shim, mount, container cgroup, record, snapshot or volume. */
function expectEmpty(dirs: ShipdDirs, cgroup: string): void {
  expect(processesWith(`${dirs.run}/runtime/`)).toEqual([]);
  expect(mountsUnder(dirs.root)).toEqual([]);
  expect(containerCgroups(cgroup)).toEqual([]);
  expect(rootContents(dirs)).toEqual({
    containerDirs: [],
    activeSnapshots: [],
    orphanSnapshotDirs: [],
    extractSnapshots: [],
    volumes: [],
  });
}

/**
 * The root agrees with what the daemon lists: one record dir and one active snapshot per container,
 * no snapshot dir without metadata, no unpack left half-way, and exactly the anonymous volumes the
 * containers name.
 */
async function expectConsistent(shipd: ShipdProcess, dirs: ShipdDirs): Promise<string[]> {
  const listed = await shipd.api.containers.list({ all: true });
  const ids = listed.map((c) => c.Id as string).sort();
  const volumes = new Set<string>();
  for (const id of ids)
    for (const m of (await shipd.api.containers.inspect(id)).Mounts ?? [])
      if (m.Type === 'volume' && m.Name) volumes.add(m.Name);
  const root = rootContents(dirs);
  expect(root.containerDirs).toEqual(ids);
  expect(root.activeSnapshots).toEqual(ids);
  expect(root.orphanSnapshotDirs).toEqual([]);
  expect(root.extractSnapshots).toEqual([]);
  expect(root.volumes).toEqual([...volumes].sort());
  return ids;
}

describe.skipIf(why !== '')(`shipd kill -9${why ? ` (${why})` : ''}`, () => {
  it('an exit a wait has answered survives a kill -9 right after it: the next daemon keeps its code', async () => {
    const { dirs, cgroup, shipd: first } = await setUp();
    let shipd = first;
    const rounds = 6;
    const lost: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const { Id } = await shipd.api.containers.create(`exit-${round}`, body(cgroup, ['exit', '7']));
      await shipd.api.containers.start(Id);
      const answered = await shipd.api.containers.wait(Id);
      await shipd.kill9(); // at once: the answer is out, the record may not be on disk yet
      shipd = await ShipdProcess.start(dirs, { liveRestore: true });
      const s = await stateOf(shipd, Id);
      if (answered.StatusCode !== 7 || s.ExitCode !== 7 || s.Status !== 'exited')
        lost.push(
          `round ${round}: wait said ${answered.StatusCode}, after the restart ${s.Status} ${s.ExitCode}`,
        );
      await shipd.api.containers.remove(Id, { force: true });
    }
    expect(lost, `exits lost of ${rounds}`).toEqual([]);
    expect(await shipd.stop()).toBe(0);
  }, 120_000);

  it('with 20 running containers: all adopted with their pids, logs kept, exits recorded, policies applied', async () => {
    const { dirs, cgroup, shipd } = await setUp();
    const tickers: string[] = [];
    for (let i = 0; i < 18; i++) {
      const { Id } = await shipd.api.containers.create(`tick-${i}`, body(cgroup, ['tick', '100']));
      tickers.push(Id);
    }
    const seven = (await shipd.api.containers.create('seven', body(cgroup, ['sh', '-c', 'sleep 3; exit 7'])))
      .Id;
    const always = (
      await shipd.api.containers.create(
        'always',
        body(cgroup, ['sh', '-c', 'sleep 3; exit 3'], { HostConfig: { RestartPolicy: { Name: 'always' } } }),
      )
    ).Id;
    const all = [...tickers, seven, always];
    for (const id of all) await shipd.api.containers.start(id);
    const pids = new Map<string, number>();
    for (const id of all) {
      const s = await stateOf(shipd, id);
      expect(s.Running).toBe(true); // `seven` and `always` exit only while the daemon is down
      pids.set(id, s.Pid as number);
    }

    await shipd.kill9();
    const killedAt = Date.now();
    expect(processesWith(`${dirs.run}/runtime/`)).toHaveLength(20); // every shim outlives the daemon
    await sleep(4000);
    const again = await ShipdProcess.start(dirs, { liveRestore: true });
    const backAt = Date.now();

    for (const id of tickers) {
      const s = await stateOf(again, id);
      expect(s).toMatchObject({ Status: 'running', Running: true, Pid: pids.get(id) });
      expect(alive(pids.get(id) as number)).toBe(true);
    }
    // The log the shims wrote while nobody watched: numbered lines, none missing, some in the gap.
    for (const id of tickers) {
      const lines = await ticks(again, id);
      expect(lines.map((l) => l.n)).toEqual(lines.map((_, i) => i + 1));
      const inGap = lines.filter((l) => l.at > killedAt + 200 && l.at < backAt - 200).length;
      expect(inGap).toBeGreaterThanOrEqual(10); // ~ (gap - 400 ms) / 100 ms, with room for a slow host
    }
    const s7 = await stateOf(again, seven);
    expect(s7).toMatchObject({ Status: 'exited', Running: false, ExitCode: 7, Pid: 0 });
    const finished = Date.parse(s7.FinishedAt as string);
    expect(finished).toBeGreaterThan(killedAt); // its real exit time, not the adoption's
    expect(finished).toBeLessThan(backAt);
    // `always` exited while the daemon was down: its policy starts it again.
    const restarted = await waitFor(
      async () => {
        const c = await again.api.containers.inspect(always);
        return (c.RestartCount ?? 0) >= 1 && c.State?.Running ? c : undefined;
      },
      { timeoutMs: 15_000, describe: 'the always container to be restarted' },
    );
    expect(restarted.State?.Pid).not.toBe(pids.get(always));

    // The adopted containers are watched again: an exit seen from outside is recorded.
    const victim = tickers[0] as string;
    process.kill(pids.get(victim) as number, 'SIGKILL');
    await waitFor(async () => (await stateOf(again, victim)).Status === 'exited', {
      timeoutMs: 10_000,
      describe: 'the daemon to see the exit of an adopted container',
    });
    expect(await stateOf(again, victim)).toMatchObject({ ExitCode: 137 });

    await Promise.all(all.map((id) => again.api.containers.remove(id, { force: true })));
    expect(await again.stop()).toBe(0);
    expectEmpty(dirs, cgroup);
  }, 120_000);

  it('during concurrent creates (seeded): each container whole or gone, nothing half-made, retries succeed', async () => {
    const { dirs, cgroup, shipd: first } = await setUp();
    const rng = mulberry32(SEED);
    let shipd = first;
    const batch = (round: number) =>
      Array.from({ length: 24 }, (_, i) => ({
        name: `c${round}-${i}`,
        // Half make an anonymous volume: a create cut off must not leave it behind.
        body: body(cgroup, ['sleep', '300'], i % 2 === 0 ? { Volumes: { '/data': {} } } : {}),
      }));
    const createAll = (s: ShipdProcess, round: number) =>
      Promise.allSettled(batch(round).map((c) => s.api.containers.create(c.name, c.body)));

    // A round without a kill: how long the batch takes (the window the kills fall into).
    const t0 = Date.now();
    const warm = await createAll(shipd, 0);
    const windowMs = Date.now() - t0;
    expect(warm.every((r) => r.status === 'fulfilled')).toBe(true);
    for (const id of await expectConsistent(shipd, dirs)) await shipd.api.containers.remove(id, { v: true });

    let cut = 0;
    for (let round = 1; round <= 4; round++) {
      const results = createAll(shipd, round);
      await sleep(killDelay(rng, windowMs));
      await shipd.kill9();
      const settled = await results;
      shipd = await ShipdProcess.start(dirs, { liveRestore: true, connections: 32 });
      const ids = await expectConsistent(shipd, dirs);
      const names = new Map(
        (await shipd.api.containers.list({ all: true })).map((c) => [c.Names?.[0]?.slice(1), c.Id]),
      );
      for (const [i, c] of batch(round).entries()) {
        const answered = settled[i];
        // A 201 that reached the client is durable.
        if (answered?.status === 'fulfilled') expect(names.get(c.name)).toBe(answered.value.Id);
        else cut++;
        if (names.has(c.name)) continue;
        const { Id } = await shipd.api.containers.create(c.name, c.body); // the name is free again
        ids.push(Id);
      }
      // Every container, old or retried, starts; then all go, leaving nothing.
      for (const id of ids) await shipd.api.containers.start(id);
      for (const id of ids) expect((await stateOf(shipd, id)).Running).toBe(true);
      await Promise.all(ids.map((id) => shipd.api.containers.remove(id, { force: true, v: true })));
      expectEmpty(dirs, cgroup);
    }
    expect(cut, `no create was cut off by the kills (seed ${SEED})`).toBeGreaterThan(0);
    expect(await shipd.stop()).toBe(0);
  }, 180_000);

  it('during concurrent removes (seeded): each container whole or gone, nothing left of the gone ones, retries succeed', async () => {
    const { dirs, cgroup, shipd: first } = await setUp();
    const rng = mulberry32(SEED + 1);
    let shipd = first;
    const runAll = async (s: ShipdProcess, round: number): Promise<Map<string, number>> => {
      const pids = new Map<string, number>();
      for (let i = 0; i < 12; i++) {
        const extra = i % 2 === 0 ? { Volumes: { '/data': {} } } : {};
        const { Id } = await s.api.containers.create(`r${round}-${i}`, body(cgroup, ['tick', '100'], extra));
        await s.api.containers.start(Id);
        pids.set(Id, (await stateOf(s, Id)).Pid as number);
      }
      return pids;
    };
    const removeAll = (s: ShipdProcess, ids: string[]) =>
      Promise.allSettled(ids.map((id) => s.api.containers.remove(id, { force: true, v: true })));

    const warmIds = [...(await runAll(shipd, 0)).keys()];
    const t0 = Date.now();
    expect((await removeAll(shipd, warmIds)).every((r) => r.status === 'fulfilled')).toBe(true);
    const windowMs = Date.now() - t0;
    expectEmpty(dirs, cgroup);

    let cut = 0;
    for (let round = 1; round <= 4; round++) {
      const pids = await runAll(shipd, round);
      const ids = [...pids.keys()];
      const results = removeAll(shipd, ids);
      await sleep(killDelay(rng, windowMs));
      await shipd.kill9();
      const settled = await results;
      shipd = await ShipdProcess.start(dirs, { liveRestore: true, connections: 32 });
      const left = await expectConsistent(shipd, dirs);
      for (const [i, id] of ids.entries()) {
        const state = await stateOrGone(shipd, id);
        if (settled[i]?.status === 'fulfilled')
          expect(state).toBe('gone'); // a 204 that reached the client holds
        else cut++;
        if (state === 'gone') {
          expect(left).not.toContain(id);
          expect(alive(pids.get(id) as number)).toBe(false);
          expect(processesWith(id)).toEqual([]);
          expect(containerCgroups(cgroup).filter((d) => d.endsWith(id))).toEqual([]);
          continue;
        }
        // Whole: still running under its shim with its pid (the removal never got to it), or stopped.
        if (state.Running) expect(state.Pid).toBe(pids.get(id));
        await shipd.api.containers.remove(id, { force: true, v: true });
      }
      expectEmpty(dirs, cgroup);
    }
    expect(cut, `no remove was cut off by the kills (seed ${SEED + 1})`).toBeGreaterThan(0);
    expect(await shipd.stop()).toBe(0);
  }, 180_000);
});
