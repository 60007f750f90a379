import { labelledContainers, RUN_LABEL_KEYS, removeLabelled } from '../cleanup/leftovers.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, type SelectionArgs } from '../io/options.js';

export interface CleanArgs extends SelectionArgs {
  dryRun: boolean;
}

/**
 * `shipshape clean`: removes the containers earlier runs left (those carrying one of shipshape's run
 * labels) on every engine found here, or on the engines named; on a runtime CLI (runc, crun, shiprun),
 * the workspaces (bundles, and the containers in their state roots) of runs that are gone. `--dry-run`
 * only lists them. An engine that does not answer is reported and skipped; exit 1 when one could not be
 * cleaned.
 */
export async function cleanCommand(args: CleanArgs, io: CliIo): Promise<number> {
  const ctx = defaultContext(flagsOf(args), io.env);
  const named = args.engine.length + args.runtime.length + args.registry.length > 0;
  const d = await discover(ctx, {
    kinds: named ? ['explicit'] : ['explicit', 'environment', 'probe'],
    listAll: true,
    ...(io.describe ? { describe: io.describe } : {}),
  });
  const containers = io.containers ?? { list: labelledContainers, remove: removeLabelled };
  let code = 0;
  for (const e of d.engines) {
    // a runtime CLI's leftovers are workspace folders, shown whole; container ids are shortened
    const [what, shown] =
      e.family === 'runtime-cli'
        ? ['workspace(s) (bundles and containers)', (i: string) => i]
        : ['container(s)', (i: string) => i.slice(0, 12)];
    try {
      if (args.dryRun) {
        const ids = await containers.list(e);
        io.stdout.write(
          `${e.name}: ${ids.length} ${what} to remove${ids.length ? `: ${ids.map(shown).join(' ')}` : ''}\n`,
        );
      } else {
        const removed = await containers.remove(e);
        io.stdout.write(`${e.name}: removed ${removed.length} ${what}\n`);
      }
    } catch (err) {
      code = 1;
      io.stdout.write(`${e.name}: not cleaned: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  for (const u of d.unreachable) io.stdout.write(`${u.name}: not reachable (${u.reason})\n`);
  io.stderr.write(`shipshape: run labels: ${RUN_LABEL_KEYS.join(', ')}\n`);
  return code;
}
