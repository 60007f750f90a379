import type { BenchmarkResult, ParameterValue } from '../results/types.js';
import { median } from '../stats/describe.js';
import { type SummaryOptions, summarize } from '../stats/summary.js';
import { type ProcessMemory, toMiB } from './proc-memory.js';

/** `memory/daemon/idle`, `memory/daemon/n100`, `memory/daemon-growth/n100`, `memory/shim/n100`. */
export const memoryId = {
  idle: 'memory/daemon/idle',
  loaded: (n: number) => `memory/daemon/n${n}`,
  growth: (n: number) => `memory/daemon-growth/n${n}`,
  shim: (n: number) => `memory/shim/n${n}`,
} as const;

/** One container's running process and the process that holds it (its shim), when there is one. */
export interface ContainerProcess {
  readonly container: string;
  readonly pid: number;
}

export interface ShimShare {
  readonly shim: ProcessMemory;
  /** Containers whose main process it is the parent of. */
  readonly containers: number;
}

/**
 * The shims of `containers`: the parent of each container's main process, unless that parent is the
 * daemon itself or pid 1 (then the container has no process of its own holding it). A shim holding
 * several containers is counted once, with how many it holds.
 */
export function shimsOf(
  containers: readonly ContainerProcess[],
  parents: ReadonlyMap<number, number>,
  shims: ReadonlyMap<number, ProcessMemory>,
  daemonPid: number,
): { shares: ShimShare[]; without: string[] } {
  const counts = new Map<number, number>();
  const without: string[] = [];
  for (const c of containers) {
    const parent = parents.get(c.pid);
    if (parent === undefined || parent <= 1 || parent === daemonPid || !shims.has(parent)) {
      without.push(c.container);
      continue;
    }
    counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  const shares = [...counts].map(([pid, n]) => ({ shim: shims.get(pid) as ProcessMemory, containers: n }));
  return { shares, without };
}

/** What one engine's memory run read: daemon RSS idle and with `containers` running, and the shims. */
export interface MemoryReadings {
  readonly engine: string;
  readonly daemon: { readonly pid: number; readonly source: string; readonly comm: string };
  readonly containers: number;
  readonly settleMs: number;
  readonly intervalMs: number;
  /** Daemon RSS in bytes, one per reading, idle (none of our containers). */
  readonly idleBytes: readonly number[];
  /** Daemon RSS in bytes, one per reading, with `containers` running. */
  readonly loadedBytes: readonly number[];
  readonly shims: readonly ShimShare[];
  /** Containers whose main process had no shim of its own (child of the daemon or of pid 1). */
  readonly withoutShim: readonly string[];
  readonly idleMs: number;
  readonly loadedMs: number;
}

const result = (
  id: string,
  engine: string,
  mib: readonly number[],
  elapsedMs: number,
  parameters: Record<string, ParameterValue>,
  stats: SummaryOptions,
  extra: Record<string, unknown>,
): BenchmarkResult =>
  Object.assign(
    {
      id,
      engine,
      parameters,
      unit: 'MiB' as const,
      samples: [...mib],
      summary: summarize(mib, stats),
      phases: [],
      concurrency: 1,
      warmup: 0,
      stoppedBy: 'max-samples' as const,
      elapsedMs,
      errors: [],
    },
    extra,
  );

/**
 * The memory figures of one engine, in MiB (see bench/README.md, "memory"): the daemon's RSS idle and
 * with N containers running (one sample per reading), its growth (each loaded reading minus the idle
 * median; a daemon that shrank records 0), and the RSS of the shim per container (one sample per
 * container: its shim's RSS divided by the containers that shim holds). No shim figure when no
 * container has a shim of its own (the note says so).
 */
export function memoryFigures(r: MemoryReadings, stats: SummaryOptions = {}): BenchmarkResult[] {
  const n = r.containers;
  const common = { containers: n, settleMs: r.settleMs, intervalMs: r.intervalMs };
  const daemon = { daemon: { pid: r.daemon.pid, source: r.daemon.source, comm: r.daemon.comm } };
  const idle = r.idleBytes.map(toMiB);
  const loaded = r.loadedBytes.map(toMiB);
  const base = median(idle);
  const out = [
    result(
      memoryId.idle,
      r.engine,
      idle,
      r.idleMs,
      { settleMs: r.settleMs, intervalMs: r.intervalMs },
      stats,
      daemon,
    ),
    result(memoryId.loaded(n), r.engine, loaded, r.loadedMs, common, stats, daemon),
    result(
      memoryId.growth(n),
      r.engine,
      loaded.map((x) => Math.max(0, x - base)),
      r.loadedMs,
      common,
      stats,
      { ...daemon, idleMedianMiB: base },
    ),
  ];
  const perContainer = r.shims.flatMap((s) =>
    Array.from({ length: s.containers }, () => toMiB(s.shim.rssBytes) / s.containers),
  );
  if (perContainer.length > 0) {
    const pss = r.shims.flatMap((s) =>
      s.shim.pssBytes === undefined
        ? []
        : Array.from({ length: s.containers }, () => toMiB(s.shim.pssBytes as number) / s.containers),
    );
    out.push(
      result(memoryId.shim(n), r.engine, perContainer, r.loadedMs, common, stats, {
        shims: {
          processes: r.shims.length,
          comms: [...new Set(r.shims.map((s) => s.shim.comm))],
          pssMedianMiB: pss.length ? median(pss) : null,
          withoutShim: r.withoutShim.length,
        },
      }),
    );
  }
  return out;
}
