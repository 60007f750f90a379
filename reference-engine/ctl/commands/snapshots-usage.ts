import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openStorage, say } from '../common/context.js';
import { humanSize, table } from '../common/format.js';

/** `shipctl snapshots usage [KEY]`: one snapshot, or all of them. */
export const snapshotsUsage = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'usage [key]',
    'Disk usage of a snapshot’s own layer (or of every snapshot)',
    (c) => c.positional('key', { type: 'string' }).option('json', { type: 'boolean', default: false }),
    async (a) => {
      const driver = openStorage(a);
      const keys: string[] = [];
      if (a.key !== undefined) keys.push(a.key);
      else await driver.walk((info) => void keys.push(info.key));
      const rows = [];
      for (const key of keys) rows.push({ key, ...(await driver.usage(key)) });
      if (a.json) return say(io, JSON.stringify(a.key !== undefined ? rows[0] : rows, null, 2));
      say(
        io,
        table(
          ['KEY', 'SIZE', 'INODES'],
          rows.map((r) => [r.key, humanSize(r.size), String(r.inodes)]),
        ),
      );
    },
  );
