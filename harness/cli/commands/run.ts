import { join } from 'node:path';
import { withDifferential } from '../../differential/conform-hook.js';
import { defaultContext } from '../../discovery/context.js';
import { discover } from '../../discovery/discover.js';
import { nameByProduct } from '../../discovery/naming.js';
import { embeddedEngines } from '../../embedded/embedded-engines.js';
import { quickBench } from '../../embedded/quick-bench.js';
import { describeEngine } from '../../engines/describe.js';
import type { EngineDescription } from '../../engines/types.js';
import { ShipshapeError } from '../../errors.js';
import type { CliIo } from '../io.js';
import { flagsOf, type RunArgs } from '../options.js';
import { execute } from './execute.js';

export interface MainJobArgs extends RunArgs {
  /** Also every engine discovery finds (the peers). */
  peers: boolean;
  /** End with the quick benchmark (on by default; `--no-bench`). */
  bench: boolean;
}

/** The embedded reference engine, described; one that cannot be used is said on stderr and left out. */
async function embedded(io: CliIo): Promise<EngineDescription[]> {
  const { endpoints, unavailable } = embeddedEngines(io.root);
  for (const u of unavailable)
    io.stderr.write(`shipshape: reference engine ${u.name} not used: ${u.reason}\n`);
  const describe = io.describe ?? describeEngine;
  const out: EngineDescription[] = [];
  for (const e of endpoints) {
    try {
      out.push(await describe(e, { timeoutMs: 20_000 }));
    } catch (err) {
      io.stderr.write(`shipshape: reference engine ${e.name} not used: ${(err as Error).message}\n`);
    }
  }
  return out;
}

/**
 * `shipshape run` (what `npm start` runs): the suites on the embedded reference engine, plus engines named
 * by flags, plus with --peers every detected one; then a quick benchmark of the same engines. Reports go
 * to --out (bench under --out/bench). The exit status is the conformance run's.
 */
export async function runCommand(args: MainJobArgs, io: CliIo): Promise<number> {
  const own = await embedded(io);
  const found = await discover(defaultContext(flagsOf(args), io.env), {
    kinds: args.peers ? ['explicit', 'environment', 'probe'] : ['explicit'],
    ...(io.describe ? { describe: io.describe } : {}),
  });
  const taken = new Set(own.map((e) => e.address));
  const engines = nameByProduct([...own, ...found.engines.filter((e) => !taken.has(e.address))]);
  if (engines.length === 0) {
    throw new ShipshapeError(
      'ENVIRONMENT',
      'no engine to test: the reference engine is unavailable (see above); pass --engine, or --peers after `npm run peers`',
    );
  }
  const code = await withDifferential(engines, args, io, () => execute(engines, args, io));
  if (args.bench) await quickBench(engines, join(args.out, 'bench'), io, io.runBench);
  return code;
}
