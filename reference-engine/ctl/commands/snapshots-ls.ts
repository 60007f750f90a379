import type { Argv } from 'yargs';
import type { SnapshotInfo } from '../../storage/types.js';
import { type GlobalArgs, type Io, openStorage, say } from '../common/context.js';
import { table } from '../common/format.js';

/** `shipctl snapshots ls [--json]` */
export const snapshotsLs = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'ls',
    'List snapshots',
    (c) => c.option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
    async (a) => {
      const all: SnapshotInfo[] = [];
      await openStorage(a).walk((info) => {
        all.push(info);
      });
      if (a.json) return say(io, JSON.stringify(all, null, 2));
      say(
        io,
        table(
          ['KEY', 'PARENT', 'KIND'],
          all.map((s) => [s.key, s.parent ?? '', s.kind]),
        ),
      );
    },
  );
