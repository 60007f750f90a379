import type { Capability, EngineDescription } from './types.js';

type Described = Pick<EngineDescription, 'name' | 'capabilities' | 'lacks'>;

/** The capabilities of `needs` the engine does not declare, in the order given. */
export const missingCapabilities = (engine: Described, needs: readonly Capability[]): Capability[] =>
  needs.filter((c) => !engine.capabilities.includes(c));

/**
 * Why `engine` cannot do what needs `needs`, or undefined when it declares them all. The one wording of
 * every capability skip: `containerd lacks capability containers.init: ctr has no init process option`.
 */
export function lackingReason(engine: Described, needs: readonly Capability[]): string | undefined {
  const missing = missingCapabilities(engine, needs);
  if (missing.length === 0) return undefined;
  return missing
    .map((c) => {
      const why = engine.lacks?.[c];
      return `${engine.name} lacks capability ${c}${why === undefined ? '' : `: ${why}`}`;
    })
    .join('; ');
}
