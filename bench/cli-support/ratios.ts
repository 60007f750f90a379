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

/**
 * Every figure of every engine over the same figure of `reference` (default: the first engine of the
 * document). Interleaved figures are paired round by round (host drift cancels); others, such as the
 * memory readings, get a bootstrap interval of the ratio of medians. Figures with too few values are left out.
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
