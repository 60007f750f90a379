import type { Summary } from '../stats/summary.js';
import type { BenchDocument, BenchmarkResult } from './types.js';

/** One comparable number series: a benchmark's total, or one of its phases. */
export interface Figure {
  /** `id` for the total, `id > phase` for a phase. */
  readonly name: string;
  readonly id: string;
  readonly phase?: string;
  readonly engine: string;
  readonly samples: readonly number[];
  /** Interleaved runs: the round of each sample. */
  readonly rounds?: readonly number[];
  readonly summary: Summary;
  readonly result: BenchmarkResult;
}

export const figureName = (id: string, phase?: string): string => (phase ? `${id} > ${phase}` : id);
export const figureKey = (f: Pick<Figure, 'name' | 'engine'>): string => `${f.name} [${f.engine}]`;

/**
 * Every figure of a document, totals first then phases, in document order. `lonePhases: false` leaves
 * out the phase of a one-phase benchmark (`startup/run/c1 > run`): it times what its total times, so
 * a gate would judge the same thing twice.
 */
export function figuresOf(doc: BenchDocument, o: { phases?: boolean; lonePhases?: boolean } = {}): Figure[] {
  const out: Figure[] = [];
  for (const r of doc.benchmarks) {
    out.push({
      name: r.id,
      id: r.id,
      engine: r.engine,
      samples: r.samples,
      ...(r.rounds ? { rounds: r.rounds } : {}),
      summary: r.summary,
      result: r,
    });
    if (o.phases === false || (o.lonePhases === false && r.phases.length === 1)) continue;
    for (const p of r.phases) {
      out.push({
        name: figureName(r.id, p.name),
        id: r.id,
        phase: p.name,
        engine: r.engine,
        samples: p.samples,
        ...(p.rounds ? { rounds: p.rounds } : {}),
        summary: p.summary,
        result: r,
      });
    }
  }
  return out;
}

/** The figures a gate judges: every figure but the phase of a one-phase benchmark (see figuresOf). */
export const judgedFigures = (doc: BenchDocument, o: { phases?: boolean } = {}): Figure[] =>
  figuresOf(doc, { ...o, lonePhases: false });
