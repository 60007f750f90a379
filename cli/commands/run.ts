import { join } from 'node:path';
import { ShipshapeError } from '../../core/errors.js';
import { withDifferential } from '../differential/conform-hook.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import { openEmbedded, withEmbedded } from '../embedded/describe-embedded.js';
import { quickBench } from '../embedded/quick-bench.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, type RunArgs } from '../io/options.js';
import { execute } from './execute.js';

export interface MainJobArgs extends RunArgs {
  /** Also every engine discovery finds (the peers). */
  peers: boolean;
  /** End with the quick benchmark (on by default; `--no-bench`). */
  bench: boolean;
}

/**
 * `shipshape run` (what `npm start` runs): the suites on the embedded reference engine, plus engines named
 * by flags, plus with --peers every detected one; then a quick benchmark of the same engines. Reports go
 * to --out (bench under --out/bench). The exit status is the conformance run's.
 */
export async function runCommand(args: MainJobArgs, io: CliIo): Promise<number> {
  const own = await openEmbedded(io);
  try {
    const found = await discover(defaultContext(flagsOf(args), io.env), {
      kinds: args.peers ? ['explicit', 'environment', 'probe'] : ['explicit'],
      ...(io.describe ? { describe: io.describe } : {}),
    });
    const engines = withEmbedded(own.engines, found.engines);
    if (engines.length === 0) {
      throw new ShipshapeError(
        'ENVIRONMENT',
        'no engine to test: the reference engine is unavailable (see above); pass --engine, or --peers after `npm run peers`',
      );
    }
    const code = await withDifferential(engines, args, io, () => execute(engines, args, io));
    if (args.bench) await quickBench(engines, join(args.out, 'bench'), io, io.runBench);
    return code;
  } finally {
    await own.close();
  }
}
