import { figuresOf } from '../results/figures.js';
import { sig } from '../results/format.js';
import type { BenchDocument } from '../results/types.js';
import type { EngineRatio } from './ratios.js';

/** An interval wider than this factor (high / low) that holds 1 cannot tell a difference from noise. */
export const TOO_WIDE = 1.5;

export type VerdictKind = 'faster' | 'slower' | 'less' | 'more' | 'same' | 'too-wide';

export interface Verdict {
  readonly figure: string;
  readonly engine: string;
  readonly reference: string;
  readonly kind: VerdictKind;
  /** Significant: the 95% interval leaves out 1. */
  readonly significant: boolean;
  readonly line: string;
}

/**
 * A hyperfine-style sentence per ratio: "podman is 1.72× slower than docker (95% CI 1.60–1.85×, paired,
 * 30 rounds)". Durations: above 1 is slower; memory (MiB): above 1 is more; throughput: above 1 is
 * faster. An interval holding 1 is no significant difference, or "too wide to call" when it spans more
 * than a factor of TOO_WIDE.
 */
export function verdicts(doc: BenchDocument, ratios: readonly EngineRatio[]): Verdict[] {
  const units = new Map(figuresOf(doc).map((f) => [f.name, f.result.unit]));
  return ratios.map((r) => {
    const ci = `95% CI ${sig(r.low)}–${sig(r.high)}×, ${r.method === 'paired' ? `paired, ${r.n} rounds` : `bootstrap, n ≥ ${r.n}`}`;
    const base = { figure: r.figure, engine: r.engine, reference: r.reference };
    const throughput = r.figure.endsWith('(throughput)');
    const memory = units.get(r.figure) === 'MiB';
    if (r.low <= 1 && r.high >= 1) {
      const wide = r.high / Math.max(r.low, 1e-9) > TOO_WIDE;
      return {
        ...base,
        kind: wide ? 'too-wide' : 'same',
        significant: false,
        line: wide
          ? `${r.figure}: ${r.engine} vs ${r.reference}: too wide to call (${sig(r.ratio)}×, ${ci}); more rounds would narrow it`
          : `${r.figure}: ${r.engine} and ${r.reference}: no significant difference (${sig(r.ratio)}×, ${ci})`,
      };
    }
    const up = r.ratio > 1;
    const kind: VerdictKind = memory ? (up ? 'more' : 'less') : throughput === up ? 'faster' : 'slower';
    // the factor and its interval said the way round the sentence reads (always above 1)
    const factor = up ? r.ratio : 1 / r.ratio;
    const [lo, hi] = up ? [r.low, r.high] : [1 / r.high, 1 / r.low];
    const how = `${sig(factor)}× ${memory ? `${kind} memory` : kind}`;
    const verb = memory ? 'uses' : 'is';
    const method = r.method === 'paired' ? `paired, ${r.n} rounds` : `bootstrap, n ≥ ${r.n}`;
    return {
      ...base,
      kind,
      significant: true,
      line: `${r.figure}: ${r.engine} ${verb} ${how} than ${r.reference} (95% CI ${sig(lo)}–${sig(hi)}×, ${method})`,
    };
  });
}

/** The verdict lines for a terminal, one per ratio; empty when there is no ratio. */
export const verdictText = (v: readonly Verdict[]): string =>
  v.length === 0 ? '' : `Verdicts:\n${v.map((x) => `  ${x.line}`).join('\n')}\n`;
