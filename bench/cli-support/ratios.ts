import { pairByRound } from '../gate/pairs.js';
import { type Figure, figuresOf } from '../results/figures.js';
import { markdownTable, sig } from '../results/format.js';
import type { BenchDocument } from '../results/types.js';
import { pairedRatio } from '../stats/paired-ratio.js';
import { ratioOfMedians } from '../stats/ratio.js';

/** Fewest pairs (or samples a side) for which a ratio gets an interval. */
const MIN_VALUES = 6;

/** One engine's figure over the reference engine's: the ratio, its 95% interval and how it was taken. */
export interface EngineRatio {
  readonly figure: string;
  readonly engine: string;
  readonly reference: string;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  /** `paired` (interleaved rounds: Hodges-Lehmann of the per-round log ratios) or `bootstrap` (unpaired). */
  readonly method: 'paired' | 'bootstrap';
  /** Pairs (paired) or the smaller side's sample count (bootstrap). */
  readonly n: number;
}

function ratioOf(ref: Figure, f: Figure, seed: number): EngineRatio | undefined {
  const base = { figure: f.name, engine: f.engine, reference: ref.engine };
  const pairs = pairByRound(ref, f);
  if (typeof pairs !== 'string' && pairs.a.length >= MIN_VALUES) {
    const r = pairedRatio(pairs.a, pairs.b);
    return { ...base, ratio: r.ratio, low: r.ci.low, high: r.ci.high, method: 'paired', n: r.pairs };
  }
  const n = Math.min(ref.samples.length, f.samples.length);
  if (n < MIN_VALUES || !ref.samples.every((x) => x > 0)) return undefined;
  const r = ratioOfMedians(ref.samples, f.samples, { seed });
  return { ...base, ratio: r.ratio, low: r.ci.low, high: r.ci.high, method: 'bootstrap', n };
}

/** Per round, the longest operation: the round's makespan (its K operations ran at once). */
function makespans(f: Figure): Map<number, number> {
  const out = new Map<number, number>();
  f.samples.forEach((v, i) => {
    const r = f.rounds?.[i];
    if (r !== undefined) out.set(r, Math.max(out.get(r) ?? 0, v));
  });
  return out;
}

/**
 * Throughput of `f` over the reference's under concurrency: per round, K operations over the round's
 * makespan; paired round by round. Above 1 means `f` started more containers per second.
 */
function throughputRatio(ref: Figure, f: Figure): EngineRatio | undefined {
  if (f.phase !== undefined || f.result.concurrency < 2 || !ref.rounds || !f.rounds) return undefined;
  const a = makespans(ref);
  const b = makespans(f);
  const common = [...a.keys()].filter((r) => b.has(r)).sort((x, y) => x - y);
  if (common.length < MIN_VALUES) return undefined;
  const fs = common.map((r) => b.get(r) as number);
  const refs = common.map((r) => a.get(r) as number);
  if ([...fs, ...refs].some((x) => !(x > 0))) return undefined;
  const r = pairedRatio(fs, refs); // ref makespan / f makespan = f's rate / ref's rate
  return {
    figure: `${f.name} (throughput)`,
    engine: f.engine,
    reference: ref.engine,
    ratio: r.ratio,
    low: r.ci.low,
    high: r.ci.high,
    method: 'paired',
    n: r.pairs,
  };
}

/**
 * Every figure of every engine over the same figure of `reference` (default: the first engine of the
 * document). Interleaved figures are paired round by round (host drift cancels); others, such as the
 * memory readings, get a bootstrap interval of the ratio of medians. Figures with too few values are left out.
 * Interleaved totals under concurrency also get `id (throughput)`: the engine's containers/s over the
 * reference's, per round K over the round's makespan, paired.
 */
export function engineRatios(doc: BenchDocument, reference?: string): EngineRatio[] {
  const figures = figuresOf(doc);
  const ref = reference ?? figures.find((f) => f.engine !== 'host')?.engine;
  const refs = new Map(figures.filter((f) => f.engine === ref).map((f) => [f.name, f]));
  const out: EngineRatio[] = [];
  for (const f of figures) {
    const r = refs.get(f.name);
    if (!r || f.engine === ref) continue;
    const ratio = ratioOf(r, f, doc.settings.seed);
    if (ratio) out.push(ratio);
    const rate = throughputRatio(r, f);
    if (rate) out.push(rate);
  }
  return out;
}

/** The ratios as a Markdown table, or an empty string when there is none. */
export function ratiosMarkdown(ratios: readonly EngineRatio[]): string {
  if (ratios.length === 0) return '';
  const rows = ratios.map((r) => [
    r.figure,
    `${r.engine} / ${r.reference}`,
    `${sig(r.ratio)}x`,
    `${sig(r.low)}x – ${sig(r.high)}x`,
    r.method === 'paired' ? `paired, ${r.n} rounds` : `bootstrap, n ≥ ${r.n}`,
  ]);
  return `${markdownTable(['Figure', 'Ratio', 'Estimate', '95% CI', 'Method'], rows)}\n`;
}
