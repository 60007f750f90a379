import type { EngineDescription } from '../engines/types.js';
import { hostMetadata, shipshapeVersion } from './host.js';
import { totalsByEngine } from './totals.js';
import { RESULTS_SCHEMA, type ResultEngine, type RunResults, type TestResult } from './types.js';

export const resultEngine = (d: EngineDescription): ResultEngine => ({
  name: d.name,
  family: d.family,
  endpoint: d.address,
  product: d.product,
  version: d.version,
  ...(d.apiVersion ? { apiVersion: d.apiVersion } : {}),
});

export interface RunRecord {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly engines: readonly EngineDescription[];
  readonly tests: readonly TestResult[];
  readonly errors: readonly { engine: string; message: string }[];
}

/** Assembles the shipshape.results/v1 document (totals computed here). */
export function buildResults(r: RunRecord): RunResults {
  return {
    schema: RESULTS_SCHEMA,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    shipshapeVersion: shipshapeVersion(),
    host: hostMetadata(),
    engines: r.engines.map(resultEngine),
    tests: [...r.tests],
    totals: totalsByEngine(
      r.engines.map((e) => e.name),
      r.tests,
    ),
    errors: [...r.errors],
  };
}

/** 1 when anything failed unexpectedly (a failure, an engine error, or an xpass under --strict), else 0. */
export function exitCodeOf(results: RunResults, strict: boolean): 0 | 1 {
  const bad = results.tests.some((t) => t.status === 'fail' || (strict && t.status === 'xpass'));
  return bad || results.errors.length > 0 ? 1 : 0;
}
