import type { EngineDescription } from '../../core/engines/types.js';
import { type Comparison, compareCaptures } from './compare.js';
import { DIFF_SCHEMA, type DiffReport, diffEngine, scenarioList } from './report.js';
import { type CaptureOptions, captureEngine } from './run-engine.js';
import { SCENARIOS } from './scenarios/index.js';

export interface DifferentialOptions extends CaptureOptions {
  readonly now?: () => Date;
  /** Called as each engine starts, for progress on stderr. */
  readonly onEngine?: (name: string) => void;
}

/** Runs the scenarios on the reference, then on each candidate in turn, and compares each to the reference. */
export async function differentialReport(
  reference: EngineDescription,
  candidates: readonly EngineDescription[],
  opts: DifferentialOptions = {},
): Promise<DiffReport> {
  const scenarios = opts.scenarios ?? SCENARIOS;
  const createdAt = (opts.now ?? (() => new Date()))().toISOString();
  opts.onEngine?.(reference.name);
  const ref = await captureEngine(reference, opts);
  const comparisons: Comparison[] = [];
  for (const candidate of candidates) {
    opts.onEngine?.(candidate.name);
    comparisons.push(compareCaptures(ref, await captureEngine(candidate, opts), scenarios));
  }
  return {
    schema: DIFF_SCHEMA,
    createdAt,
    engines: [diffEngine(reference, 'reference'), ...candidates.map((c) => diffEngine(c, 'candidate'))],
    scenarios: scenarioList(scenarios),
    comparisons,
  };
}
