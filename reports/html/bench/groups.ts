import type { BenchDocument, BenchmarkResult } from '../../../bench/results/types.js';
import { engineColor } from '../svg/palette.js';

/** One benchmark id with the result of each engine that ran it, in document order. */
export interface BenchGroup {
  readonly id: string;
  readonly results: readonly BenchmarkResult[];
}

export function benchGroups(doc: BenchDocument): BenchGroup[] {
  const byId = new Map<string, BenchmarkResult[]>();
  for (const r of doc.benchmarks) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId].map(([id, results]) => ({ id, results }));
}

/** Engine -> colour, stable over every chart of one document. */
export function engineColors(doc: BenchDocument): (engine: string) => string {
  const engines = [...new Set(doc.benchmarks.map((r) => r.engine))];
  return (engine) => engineColor(Math.max(0, engines.indexOf(engine)));
}
