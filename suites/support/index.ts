export { type WaitForOptions, waitFor } from '../../core/wait-for.js';
export { type ConformanceOptions, conformance } from './conformance.js';
export type { ShipshapeMeta, SkipRule } from './provided.js';
export { TARGET_ENV, target } from './target.js';
