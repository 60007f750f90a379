import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openStorage } from '../common/context.js';
import { printMounts } from './snapshots-create.js';

/** `shipctl snapshots mounts KEY` */
export const snapshotsMounts = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'mounts <key>',
    'Print the mounts of a snapshot',
    (c) => c.positional('key', { type: 'string', demandOption: true }),
    async (a) => printMounts(io, await openStorage(a).mounts(a.key)),
  );
