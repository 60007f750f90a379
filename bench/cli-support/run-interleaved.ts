import type { BenchGroup, PlannedBenchmark } from '../plan/plan.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import { bounded, message } from '../runner/bounded.js';
import { type InterleavedSet, sampleInterleaved } from '../runner/interleave.js';
import { toBenchmarkResult } from '../runner/to-result.js';
import {
  finishResult,
  type GroupRunOptions,
  type GroupRunResult,
  runOne,
  withMonitor,
} from './run-groups.js';

const HOOK_MS = 120_000;

function withRounds(r: BenchmarkResult, set: InterleavedSet, others: string[]): BenchmarkResult {
  r.rounds = [...set.rounds];
  for (const phase of r.phases) phase.rounds = [...(set.phaseRounds[phase.name] ?? [])];
  r.interleavedWith = others;
  return r;
}

/** Samples benchmarks of one key (see interleaveKey) round by round (see sampleInterleaved). */
async function runInterleaved(
  bucket: readonly PlannedBenchmark[],
  o: GroupRunOptions,
  errors: BenchDocument['errors'],
): Promise<BenchmarkResult[]> {
  const ready: PlannedBenchmark[] = [];
  for (const p of bucket) {
    const setup = p.def.setup;
    try {
      if (setup) await bounded(`setup of ${p.def.id}`, HOOK_MS, setup);
      ready.push(p);
    } catch (err) {
      errors.push({ benchmark: p.def.id, engine: p.def.engine, message: message(err) });
    }
  }
  const engines = ready.map((p) => p.def.engine);
  const label = engines.join(' | ');
  const monitors = ready.map((p) => p.monitor?.());
  const defs = ready.map((p, i) => withMonitor(p, monitors[i]));
  const first = ready[0];
  const sets = first
    ? await sampleInterleaved(
        defs.map((d) => d.iteration),
        {
          ...first.sampler,
          label: `${first.def.id} [${label}]`,
          onProgress: (x) => o.onProgress?.({ ...x, engine: label }),
        },
      )
    : [];
  const results: BenchmarkResult[] = [];
  for (const [i, p] of ready.entries()) {
    const teardown = p.def.teardown;
    const down = teardown
      ? await bounded(`teardown of ${p.def.id}`, HOOK_MS, teardown).then(
          () => undefined,
          (err: unknown) => `teardown: ${message(err)}`,
        )
      : undefined;
    const monitor = monitors[i];
    const side = monitor ? await monitor.stop().catch((err: unknown) => ({ note: message(err) })) : undefined;
    const set = sets[i] as InterleavedSet;
    if (set.samples.length === 0) {
      const why = set.errors.at(-1)?.message ?? 'no samples taken';
      errors.push({ benchmark: p.def.id, engine: p.def.engine, message: `no successful iteration: ${why}` });
      continue;
    }
    const r = toBenchmarkResult(p.def, set, o.stats ?? {});
    if (down) r.errors.push(down);
    const others = ready
      .filter((q) => q !== p)
      .map((q) => (q.def.id === p.def.id ? q.def.engine : `${q.def.id} [${q.def.engine}]`));
    results.push(finishResult(p, withRounds(r, set, others), monitor, side));
    o.onEvent?.(
      `${p.def.id} [${p.def.engine}]: ${r.samples.length} samples interleaved with ${others.join(', ')}`,
    );
  }
  return results;
}

/**
 * Opens every group first, then samples each benchmark id (or interleaveKey) that several groups share
 * interleaved across their engines (rounds of A B, B A, ...), and the rest one after another; closes
 * every group at the end, always. For side-by-side figures and paired A/B gates that host drift cannot bias.
 */
export async function runGroupsInterleaved(
  groups: readonly BenchGroup[],
  o: GroupRunOptions = {},
): Promise<GroupRunResult> {
  const results: BenchmarkResult[] = [];
  const errors: BenchDocument['errors'] = [];
  const hookMs = o.hookTimeoutMs ?? 600_000;
  const tried: BenchGroup[] = [];
  try {
    const buckets = new Map<string, PlannedBenchmark[]>();
    for (const g of groups) {
      o.onEvent?.(`${g.label}: preparing`);
      tried.push(g);
      try {
        for (const p of await bounded(`preparing ${g.label}`, hookMs, (s) => g.open(s))) {
          const key = p.interleaveKey ?? p.def.id;
          buckets.set(key, [...(buckets.get(key) ?? []), p]);
        }
      } catch (err) {
        errors.push({ engine: g.engine, message: `${g.label}: ${message(err)}` });
        o.onEvent?.(`${g.label}: failed: ${message(err)}`);
      }
    }
    for (const bucket of buckets.values()) {
      if (bucket.length > 1) {
        results.push(...(await runInterleaved(bucket, o, errors)));
        continue;
      }
      const p = bucket[0] as PlannedBenchmark;
      const r = await runOne(p, o);
      if (typeof r === 'string') errors.push({ benchmark: p.def.id, engine: p.def.engine, message: r });
      else results.push(r);
    }
  } finally {
    for (const g of tried) {
      await bounded(`cleaning up ${g.label}`, hookMs, () => g.close()).catch((err: unknown) => {
        errors.push({ engine: g.engine, message: `${g.label} cleanup: ${message(err)}` });
      });
    }
  }
  return { results, errors };
}
