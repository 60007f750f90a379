import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openStorage } from '../common/context.js';

/** `shipctl snapshots commit NAME KEY` */
export const snapshotsCommit = (y: Argv<GlobalArgs>, _io: Io) =>
  y.command(
    'commit <name> <key>',
    'Commit active snapshot KEY as NAME',
    (c) =>
      c
        .positional('name', { type: 'string', demandOption: true })
        .positional('key', { type: 'string', demandOption: true }),
    async (a) => openStorage(a).commit(a.name, a.key),
  );
