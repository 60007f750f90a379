import { figureKey, figuresOf } from './figures.js';
import { sig } from './format.js';
import type { BenchDocument } from './types.js';

/** One entry of github-action-benchmark's `customSmallerIsBetter` input. */
export interface CustomBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/**
 * Entries for `tool: customSmallerIsBetter`: value = median in the result's unit (ms, MiB), range = ± half the width of the 95%
 * CI of the median (when there is one), extra = n, p90, p99 and the interval itself.
 */
export function toCustomSmallerIsBetter(
  doc: BenchDocument,
  o: { phases?: boolean } = {},
): CustomBenchmarkEntry[] {
  return figuresOf(doc, o).map((f) => {
    const s = f.summary;
    const ci = s.ci;
    const unit = f.result.unit;
    const extra = [`n=${s.n}`, `p90=${sig(s.p90)} ${unit}`, `p99=${sig(s.p99)} ${unit}`];
    if (ci) extra.push(`${Math.round(ci.level * 100)}% CI of median ${sig(ci.low)}..${sig(ci.high)} ${unit}`);
    if (f.result.concurrency > 1) extra.push(`concurrency=${f.result.concurrency}`);
    return {
      name: figureKey(f),
      unit,
      value: s.median,
      ...(ci ? { range: `± ${sig((ci.high - ci.low) / 2)}` } : {}),
      extra: extra.join('\n'),
    };
  });
}

export const toCustomSmallerIsBetterJson = (doc: BenchDocument, o: { phases?: boolean } = {}): string =>
  `${JSON.stringify(toCustomSmallerIsBetter(doc, o), null, 2)}\n`;
