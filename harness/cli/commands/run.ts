import { withDifferential } from '../../differential/conform-hook.js';
import { defaultContext } from '../../discovery/context.js';
import { discover } from '../../discovery/discover.js';
import { ShipshapeError } from '../../errors.js';
import type { CliIo } from '../io.js';
import { flagsOf, type RunArgs } from '../options.js';
import { execute } from './execute.js';

/** `shipshape run`: detect every engine, run every applicable suite on each, write the reports. */
export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  const found = await discover(
    defaultContext(flagsOf(args), io.env),
    io.describe ? { describe: io.describe } : {},
  );
  if (found.engines.length === 0) {
    const probed = found.unreachable.map((u) => `  ${u.name} ${u.address}: ${u.reason}`).join('\n');
    throw new ShipshapeError(
      'ENVIRONMENT',
      `no container engine found; start the peers with \`npm run peers\` or pass --engine\n${probed}`,
    );
  }
  return withDifferential(found.engines, args, io, () => execute(found.engines, args, io));
}
