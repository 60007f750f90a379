export type { SkipRule } from '../../core/results/expectations/types.js';
export { type WaitForOptions, waitFor } from '../../core/wait-for.js';
export { type ConformanceOptions, conformance, whenTestFinishes } from './conformance.js';
export { reportFigures } from './figures.js';
export type { ShipshapeMeta } from './provided.js';
export { TARGET_ENV, target } from './target.js';
