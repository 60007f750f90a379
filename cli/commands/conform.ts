import { usageError } from '../../core/errors.js';
import { withDifferential } from '../differential/conform-hook.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import {
  namedShiprun,
  openEmbedded,
  openEmbeddedShipd,
  splitEmbeddedShipd,
  withEmbedded,
} from '../embedded/describe-embedded.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, hasSelection, type RunArgs } from '../io/options.js';
import { execute } from './execute.js';

export interface ConformArgs extends RunArgs {
  detected: boolean;
}

/**
 * `shipshape conform`: the engines named by flags (`--engine shipd`: the embedded daemon, started for the
 * run); with --detected also the embedded reference engine (when usable here) and every engine
 * discovery finds.
 */
export async function conformCommand(flags: ConformArgs, io: CliIo): Promise<number> {
  const args = namedShiprun(flags, io.root);
  if (!args.detected && !hasSelection(args)) {
    throw usageError(
      'conform needs engines: --engine, --runtime, --registry, or --detected for every engine found',
    );
  }
  const { shipd, rest } = splitEmbeddedShipd(args.engine);
  const named = { ...args, engine: rest };
  const ctx = defaultContext(flagsOf(named), io.env);
  const found =
    !args.detected && !hasSelection(named)
      ? { engines: [] }
      : await discover(ctx, {
          kinds: args.detected ? ['explicit', 'environment', 'probe'] : ['explicit'],
          ...(io.describe ? { describe: io.describe } : {}),
        });
  const own = args.detected
    ? await openEmbedded(io)
    : shipd
      ? await openEmbeddedShipd(io)
      : { engines: [], close: async () => {} };
  try {
    const engines = withEmbedded(own.engines, found.engines);
    if (engines.length === 0) {
      io.stdout.write(
        'shipshape: no engine detected, nothing to test (start the peers with `npm run peers`)\n',
      );
      return 0;
    }
    return await withDifferential(engines, args, io, () => execute(engines, args, io));
  } finally {
    await own.close();
  }
}
