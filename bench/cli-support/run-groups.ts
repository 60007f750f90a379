import type { BenchGroup, PlannedBenchmark, SideMonitor } from '../plan/plan.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import { runBenchmark } from '../runner/benchmark.js';
import { bounded, message } from '../runner/bounded.js';
import type { Progress } from '../runner/types.js';

export interface GroupRunOptions {
  /** Sampler progress (engine, stage, samples done). */
  readonly onProgress?: (p: Progress & { engine: string }) => void;
  /** One line per event worth telling: a group opening, a benchmark finishing or failing. */
  readonly onEvent?: (line: string) => void;
  /** Limit for each group's open and close. Default 10 minutes. */
  readonly hookTimeoutMs?: number;
  readonly stats?: { seed?: number; resamples?: number };
}

export interface GroupRunResult {
  readonly results: BenchmarkResult[];
  readonly errors: BenchDocument['errors'];
}

/** Starts the monitor at the first measured iteration; warm-up is not counted. */
export function withMonitor(p: PlannedBenchmark, monitor: SideMonitor | undefined): PlannedBenchmark['def'] {
  if (!monitor) return p.def;
  let started: Promise<void> | undefined;
  return {
    ...p.def,
    iteration: async (ctx) => {
      if (!ctx.warmup) await ctx.untimed(() => (started ??= Promise.resolve(monitor.start())));
      return p.def.iteration(ctx);
    },
  };
}

export async function runOne(p: PlannedBenchmark, o: GroupRunOptions): Promise<BenchmarkResult | string> {
  const monitor = p.monitor?.();
  const def = withMonitor(p, monitor);
  const onProgress = (x: Progress) => o.onProgress?.({ ...x, engine: p.def.engine });
  const outcome = await runBenchmark(def, {
    sampler: { label: p.def.id, ...p.sampler, onProgress },
    stats: o.stats ?? {},
  });
  const side = monitor ? await monitor.stop().catch((err: unknown) => ({ note: message(err) })) : undefined;
  if (!outcome.ok) return outcome.error.message;
  return finishResult(p, outcome.result, monitor, side);
}

/** Adds a planned benchmark's extras, its monitor's reading and its throughput unit to a result. */
export function finishResult(
  p: PlannedBenchmark,
  r: BenchmarkResult,
  monitor: SideMonitor | undefined,
  side: unknown,
): BenchmarkResult {
  const extra: Record<string, unknown> = {
    ...(p.extras?.(r.summary.median, r.samples.length, r.elapsedMs) ?? {}),
  };
  if (monitor) extra[monitor.key] = side;
  if (p.opsUnit && r.throughput?.unit === 'ops/s')
    r.throughput = { unit: p.opsUnit, value: r.throughput.value };
  return Object.assign(r, extra);
}

/**
 * Runs groups one after another (never two at once: they would disturb each other's figures). Every
 * failure becomes an error entry; `close` runs for every group that was opened or tried to open.
 */
export async function runGroups(
  groups: readonly BenchGroup[],
  o: GroupRunOptions = {},
): Promise<GroupRunResult> {
  const results: BenchmarkResult[] = [];
  const errors: BenchDocument['errors'] = [];
  const hookMs = o.hookTimeoutMs ?? 600_000;
  for (const g of groups) {
    o.onEvent?.(`${g.label}: preparing`);
    try {
      const planned = await bounded(`preparing ${g.label}`, hookMs, (s) => g.open(s));
      for (const p of planned) {
        const r = await runOne(p, o);
        if (typeof r === 'string') {
          errors.push({ benchmark: p.def.id, engine: p.def.engine, message: r });
          o.onEvent?.(`${p.def.id} [${p.def.engine}]: failed: ${r}`);
        } else {
          results.push(r);
          o.onEvent?.(
            `${p.def.id} [${p.def.engine}]: ${r.samples.length} samples, ${r.errors.length} errors`,
          );
        }
      }
    } catch (err) {
      errors.push({ engine: g.engine, message: `${g.label}: ${message(err)}` });
      o.onEvent?.(`${g.label}: failed: ${message(err)}`);
    } finally {
      await bounded(`cleaning up ${g.label}`, hookMs, () => g.close()).catch((err: unknown) => {
        errors.push({ engine: g.engine, message: `${g.label} cleanup: ${message(err)}` });
      });
    }
  }
  return { results, errors };
}
