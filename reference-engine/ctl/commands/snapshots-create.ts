import type { Argv } from 'yargs';
import type { Mount } from '../../storage/types.js';
import { type GlobalArgs, type Io, openStorage, say } from '../common/context.js';

/** One line per mount: `TYPE SOURCE OPTIONS` (what mount(8) takes as -t, source and -o). */
export const printMounts = (io: Io, mounts: readonly Mount[]) => {
  for (const m of mounts) say(io, `${m.type} ${m.source} ${m.options.join(',')}`);
};

/** `shipctl snapshots prepare KEY [PARENT]` and `shipctl snapshots view KEY [PARENT]`: print the mounts. */
export const snapshotsCreate = (y: Argv<GlobalArgs>, io: Io) =>
  y
    .command(
      'prepare <key> [parent]',
      'Create an active (writable) snapshot on a committed parent; prints its mounts',
      (c) =>
        c.positional('key', { type: 'string', demandOption: true }).positional('parent', { type: 'string' }),
      async (a) => printMounts(io, await openStorage(a).prepare(a.key, a.parent)),
    )
    .command(
      'view <key> [parent]',
      'Create a read-only view of a committed snapshot; prints its mounts',
      (c) =>
        c.positional('key', { type: 'string', demandOption: true }).positional('parent', { type: 'string' }),
      async (a) => printMounts(io, await openStorage(a).view(a.key, a.parent)),
    );
