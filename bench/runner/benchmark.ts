import type { BenchDocument, BenchmarkResult, ParameterValue } from '../results/types.js';
import type { SummaryOptions } from '../stats/summary.js';
import { bounded, message } from './bounded.js';
import { sample } from './sample.js';
import { toBenchmarkResult, type Work } from './to-result.js';
import type { IterationFn, SamplerOptions } from './types.js';

/**
 * A benchmark of one engine. Lifecycle: `setup` once (untimed) -> warm-up -> measurement -> `teardown`
 * once, always, even when setup or sampling failed. `iteration` is called once per sample.
 */
export interface BenchmarkDefinition {
  readonly id: string;
  readonly engine: string;
  readonly parameters?: Record<string, ParameterValue>;
  readonly setup?: (signal: AbortSignal) => Promise<void> | void;
  readonly iteration: IterationFn;
  readonly teardown?: (signal: AbortSignal) => Promise<void> | void;
  readonly work?: Work;
}

export interface RunBenchmarkOptions {
  readonly sampler?: SamplerOptions;
  readonly stats?: SummaryOptions;
  /** Limit for setup and for teardown, each. Default 120 s. */
  readonly hookTimeoutMs?: number;
}

export type BenchmarkOutcome =
  | { readonly ok: true; readonly result: BenchmarkResult }
  | { readonly ok: false; readonly error: BenchDocument['errors'][number] };

/** Runs one benchmark; failures (setup, every iteration, teardown) come back as an error entry, not a throw. */
export async function runBenchmark(
  def: BenchmarkDefinition,
  o: RunBenchmarkOptions = {},
): Promise<BenchmarkOutcome> {
  const hookMs = o.hookTimeoutMs ?? 120_000;
  const fail = (text: string): BenchmarkOutcome => ({
    ok: false,
    error: { benchmark: def.id, engine: def.engine, message: text },
  });
  let outcome: BenchmarkOutcome;
  try {
    if (def.setup) await bounded(`setup of ${def.id}`, hookMs, def.setup);
    const set = await sample(def.iteration, { label: `${def.id} [${def.engine}]`, ...o.sampler });
    outcome =
      set.samples.length === 0
        ? fail(`no successful iteration: ${set.errors.at(-1)?.message ?? 'no samples taken'}`)
        : { ok: true, result: toBenchmarkResult(def, set, o.stats) };
  } catch (err) {
    outcome = fail(message(err));
  }
  if (def.teardown) {
    try {
      await bounded(`teardown of ${def.id}`, hookMs, def.teardown);
    } catch (err) {
      if (outcome.ok) outcome.result.errors.push(`teardown: ${message(err)}`);
      else outcome = fail(`${outcome.error.message}; teardown: ${message(err)}`);
    }
  }
  return outcome;
}
