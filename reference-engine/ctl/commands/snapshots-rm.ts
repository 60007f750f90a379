import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openStorage } from '../common/context.js';

/** `shipctl snapshots rm KEY...`: children must go before their parents. */
export const snapshotsRm = (y: Argv<GlobalArgs>, _io: Io) =>
  y.command(
    'rm <keys..>',
    'Remove snapshots',
    (c) => c.positional('keys', { type: 'string', array: true, demandOption: true }),
    async (a) => {
      const driver = openStorage(a);
      for (const key of a.keys) await driver.remove(key);
    },
  );
