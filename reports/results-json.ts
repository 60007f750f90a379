import type { RunResults } from '../core/results/types.js';

/** results.json: the shipshape.results/v1 document, pretty-printed. */
export const resultsJson = (results: RunResults): string => `${JSON.stringify(results, null, 2)}\n`;
