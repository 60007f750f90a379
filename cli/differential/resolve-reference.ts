import type { DescribeFn } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { isShipshapeError, ShipshapeError, usageError } from '../../core/errors.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';

/**
 * The engine named by `--diff-against VALUE`: one of the selected engines (by name or address), else
 * whatever discovery makes of VALUE as an `--engine` value. It must be a Docker-API engine; an
 * unreachable one throws EngineUnreachableError.
 */
export async function resolveReference(
  value: string,
  selected: readonly EngineDescription[],
  env: Readonly<Record<string, string | undefined>>,
  describe?: DescribeFn,
): Promise<EngineDescription> {
  const known = selected.find((e) => e.name === value || e.address === value);
  const found = known ?? (await discoverOne(value, env, describe));
  if (!found) throw usageError(`--diff-against ${value}: no engine found`);
  if (found.family !== 'docker-api') {
    throw usageError(
      `--diff-against ${value}: ${found.name} is a ${found.family} engine; the reference must speak the Docker API`,
    );
  }
  return found;
}

async function discoverOne(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  describe?: DescribeFn,
): Promise<EngineDescription | undefined> {
  try {
    const ctx = defaultContext({ engines: [value] }, env);
    return (await discover(ctx, { kinds: ['explicit'], ...(describe ? { describe } : {}) })).engines[0];
  } catch (err) {
    if (!isShipshapeError(err)) throw err;
    const message = `--diff-against ${value}: ${err.message}`;
    throw new ShipshapeError(err.code, message, { cause: err, exitCode: err.exitCode });
  }
}
