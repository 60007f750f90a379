import { inject } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import type { SkipRule } from '../../core/results/expectations/types.js';

/** Env var holding an EngineDescription as JSON, for running `vitest --project suites` by hand. */
export const TARGET_ENV = 'SHIPSHAPE_TARGET';

/** The engine under test: provided by the runner, else parsed from $SHIPSHAPE_TARGET. */
export function target(): EngineDescription {
  const provided = inject('shipshape.target');
  if (provided) return provided;
  const raw = process.env[TARGET_ENV];
  if (!raw) {
    throw new Error(
      `no engine under test: run suites with \`shipshape conform\`, or set ${TARGET_ENV} to an EngineDescription JSON`,
    );
  }
  try {
    return JSON.parse(raw) as EngineDescription;
  } catch (err) {
    throw new Error(`${TARGET_ENV} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `--tag` values of this run (empty: every test). */
export const tagFilter = (): string[] => inject('shipshape.tags') ?? [];

/** Expectation skip rules for the engine under test. */
export const skipRules = (): SkipRule[] => inject('shipshape.skip') ?? [];
