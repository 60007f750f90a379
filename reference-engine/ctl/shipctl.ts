import yargs, { type Argv } from 'yargs';
import { ReferenceEngineError } from '../errors.js';
import { DRIVER_NAMES } from '../storage/drivers/open-driver.js';
import { imagesInspect } from './commands/images-inspect.js';
import { imagesLoad } from './commands/images-load.js';
import { imagesLs } from './commands/images-ls.js';
import { imagesPrune } from './commands/images-prune.js';
import { imagesRm } from './commands/images-rm.js';
import { imagesSave } from './commands/images-save.js';
import { imagesUnpack } from './commands/images-unpack.js';
import { snapshotsCommit } from './commands/snapshots-commit.js';
import { snapshotsCreate } from './commands/snapshots-create.js';
import { snapshotsLs } from './commands/snapshots-ls.js';
import { snapshotsMounts } from './commands/snapshots-mounts.js';
import { snapshotsRm } from './commands/snapshots-rm.js';
import { snapshotsUsage } from './commands/snapshots-usage.js';
import type { GlobalArgs, Io } from './common/context.js';
import { UsageError } from './common/usage-error.js';

type Group = Array<(y: Argv<GlobalArgs>, io: Io) => Argv<GlobalArgs>>;
const IMAGES: Group = [imagesLoad, imagesSave, imagesLs, imagesInspect, imagesRm, imagesPrune, imagesUnpack];
const SNAPSHOTS: Group = [
  snapshotsCreate,
  snapshotsMounts,
  snapshotsCommit,
  snapshotsRm,
  snapshotsLs,
  snapshotsUsage,
];

/**
 * `shipctl` as a ctr-like CLI over the engine's library. Resolves to the exit status: 0 ok, 1 for an
 * engine error (NotFound, Conflict, InvalidArgument, ...: `shipctl: <message>`, no stack), 2 for usage.
 */
export async function runShipctl(argv: readonly string[], io: Io): Promise<number> {
  const group = (y: Argv<GlobalArgs>, commands: Group, what: string) =>
    commands.reduce((acc, add) => add(acc, io), y).demandCommand(1, `name a ${what} command`);
  const cli = yargs([...argv])
    .scriptName('shipctl')
    .usage('$0 <command> [options]\n\nThe shipshape reference engine: images and snapshots.')
    .option('root', {
      type: 'string',
      default: '/var/lib/shipctl',
      describe: 'State directory',
      global: true,
    })
    .option('driver', {
      choices: DRIVER_NAMES,
      default: 'overlay' as const,
      describe: 'Storage driver',
      global: true,
    })
    .command('images', 'Load, save, list, inspect, remove, prune and unpack images', (y) =>
      group(y as Argv<GlobalArgs>, IMAGES, 'images'),
    )
    .command('snapshots', 'Prepare, view, commit, list and remove snapshots', (y) =>
      group(y as Argv<GlobalArgs>, SNAPSHOTS, 'snapshots'),
    )
    .demandCommand(1, 'name a command: images or snapshots')
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(`${msg} (see shipctl --help)`);
    });
  try {
    await cli.parseAsync();
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return fail(io, err.message, 2);
    if (err instanceof ReferenceEngineError) return fail(io, err.message, 1);
    if (isFsError(err)) return fail(io, err.message, 1);
    io.stderr.write(
      `shipctl: unexpected error\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}

function fail(io: Io, message: string, code: number): number {
  io.stderr.write(`shipctl: ${message}\n`);
  return code;
}

/** A file the user named is missing or unreadable: an expected error, not a bug. */
function isFsError(err: unknown): err is Error {
  const code = (err as { code?: unknown }).code;
  return (
    err instanceof Error && typeof code === 'string' && ['ENOENT', 'EACCES', 'EISDIR', 'EPIPE'].includes(code)
  );
}
