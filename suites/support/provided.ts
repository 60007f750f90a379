import type { EngineDescription } from '../../core/engines/types.js';
import type { SkipRule } from '../../core/results/expectations/types.js';

/** A test the runner must skip on this engine (from the engine's expectation file). */

/** What shipshape attaches to each conformance test; the reporter copies it into TestResult. */
export interface ShipshapeMeta {
  tags: string[];
  requirements: string[];
  /** Figures the test measured (see TestResult.figures); set while it runs through `reportFigures`. */
  figures?: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine under test (set by the runner for one vitest run). */
    'shipshape.target': EngineDescription;
    /** `--tag` values: when non-empty, conformance tests with none of them are not registered. */
    'shipshape.tags': string[];
    /** Expectation entries with `status: skip`. */
    'shipshape.skip': SkipRule[];
  }
}

// vitest re-exports TaskMeta from its runner; the augmentation must target the declaring module.
declare module '@vitest/runner' {
  export interface TaskMeta {
    shipshape?: ShipshapeMeta;
  }
}
