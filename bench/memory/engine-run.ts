import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { waitFor } from '../../core/wait-for.js';
import { dockerArchiveTar } from '../../fixtures/images/index.js';
import { BENCH_LABEL, daemonOf } from '../startup/container-engine.js';
import type { PidLookup } from '../startup/daemon-pid.js';
import { startupImage } from '../startup/image.js';
import type { ContainerProcess, MemoryReadings } from './figures.js';
import { shimsOf } from './figures.js';
import { type ProcessMemory, readProcessMemory } from './proc-memory.js';
import type { MemoryProfile } from './profile.js';

/** The part of a ContainerEngine the memory benchmark drives. */
export type MemoryParts = Pick<
  ContainerEngine,
  'load' | 'removeImage' | 'create' | 'start' | 'inspect' | 'remove' | 'list' | 'close'
>;

/** Where the run reads processes (tests pass a fake /proc) and finds the daemon. */
export interface MemoryHost {
  readMemory(pid: number): Promise<ProcessMemory>;
  daemon(e: EngineDescription): Promise<PidLookup>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realHost: MemoryHost = {
  readMemory: (pid) => readProcessMemory(pid),
  daemon: daemonOf,
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
};

const CALL = { timeoutMs: 60_000 };
/** Containers created and started at once; removal too. */
const PARALLEL = 4;

/** Runs `f` over `items`, `PARALLEL` at a time; the first rejection rejects (after the batch in flight). */
async function inBatches<T>(items: readonly T[], f: (x: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(f));
}

/** `count` readings of the daemon's RSS, `intervalMs` apart. */
async function readings(host: MemoryHost, pid: number, p: MemoryProfile, signal?: AbortSignal) {
  const out: number[] = [];
  for (let i = 0; i < p.samples; i++) {
    if (i > 0) await host.sleep(p.intervalMs, signal);
    out.push((await host.readMemory(pid)).rssBytes);
  }
  return out;
}

/**
 * One engine's memory run: load the probe image; after `settleMs`, read the daemon's RSS `samples`
 * times (idle); start `containers` containers running `probe sigwait`; after `settleMs`, read again
 * (loaded) and read the shim of every container (the parent of its main process). Always removes
 * what it made (by its run label) and the image. Throws when the daemon cannot be found or read.
 */
export async function measureEngineMemory(
  description: EngineDescription,
  engine: MemoryParts,
  o: { runId: string; profile: MemoryProfile; signal?: AbortSignal; onEvent?: (line: string) => void },
  host: MemoryHost = realHost,
): Promise<MemoryReadings> {
  const p = o.profile;
  const name = description.name;
  const ref = `shipshape-bench/memory:${o.runId}-${name}`;
  const label = `${BENCH_LABEL}=${o.runId}`;
  let image = ref;
  try {
    const found = await host.daemon(description);
    if (found.pid === undefined) throw new Error(found.note);
    const daemonPid = found.pid;
    const comm = (await host.readMemory(daemonPid)).comm;
    const archive = await dockerArchiveTar(await startupImage('small', 'quick'), { refs: [ref] });
    image = (await engine.load(archive, { ref, timeoutMs: 300_000 })).images[0] ?? ref;
    await host.sleep(p.settleMs, o.signal);
    const idleStart = performance.now();
    const idleBytes = await readings(host, daemonPid, p, o.signal);
    const idleMs = performance.now() - idleStart;
    o.onEvent?.(`memory [${name}]: idle read; starting ${p.containers} containers`);
    const seqs = Array.from({ length: p.containers }, (_, i) => i);
    const ids: string[] = [];
    await inBatches(seqs, async (i) => {
      const id = await engine.create(
        {
          name: `shipshape-bench-${o.runId}-${name}-mem-${i}`,
          image,
          command: ['/bin/probe', 'sigwait'],
          labels: { [BENCH_LABEL]: o.runId },
          network: 'none',
          discardOutput: true,
        },
        CALL,
      );
      ids.push(id);
      await engine.start(id, CALL);
    });
    const mains: ContainerProcess[] = [];
    for (const id of ids) {
      const pid = await waitFor(
        async () => {
          const s = await engine.inspect(id, CALL);
          return s?.status === 'running' && s.pid > 0 ? s.pid : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 50, describe: `container ${id} running with a pid` },
      );
      mains.push({ container: id, pid });
    }
    await host.sleep(p.settleMs, o.signal);
    const loadedStart = performance.now();
    const loadedBytes = await readings(host, daemonPid, p, o.signal);
    const loadedMs = performance.now() - loadedStart;
    const parents = new Map<number, number>();
    const shims = new Map<number, ProcessMemory>();
    for (const m of mains) {
      const main = await host.readMemory(m.pid).catch(() => undefined);
      if (!main) continue;
      parents.set(m.pid, main.ppid);
      if (!shims.has(main.ppid) && main.ppid > 1 && main.ppid !== daemonPid) {
        const shim = await host.readMemory(main.ppid).catch(() => undefined);
        if (shim) shims.set(main.ppid, shim);
      }
    }
    const { shares, without } = shimsOf(mains, parents, shims, daemonPid);
    return {
      engine: name,
      daemon: { pid: daemonPid, source: found.source, comm },
      containers: p.containers,
      settleMs: p.settleMs,
      intervalMs: p.intervalMs,
      idleBytes,
      loadedBytes,
      shims: shares,
      withoutShim: without,
      idleMs,
      loadedMs,
    };
  } finally {
    o.onEvent?.(`memory [${name}]: removing its containers`);
    const mine = await engine.list({ label, timeoutMs: 30_000 }).catch(() => [] as string[]);
    await inBatches(mine, (id) => engine.remove(id, { force: true, timeoutMs: 30_000 }).catch(() => {}));
    await engine.removeImage(image, { timeoutMs: 60_000 }).catch(() => false);
    await engine.close();
  }
}
