import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages, say } from '../common/context.js';

/** `shipctl images rm [--force] REF...`: docker rmi rules; stops at the first failure. */
export const imagesRm = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'rm <refs..>',
    'Remove images (untag; delete when the last reference goes)',
    (c) =>
      c.positional('refs', { type: 'string', array: true, demandOption: true }).option('force', {
        alias: 'f',
        type: 'boolean',
        default: false,
        describe: 'Remove even when referenced elsewhere',
      }),
    async (a) => {
      const images = await openImages(a);
      for (const ref of a.refs) {
        for (const item of await images.remove(ref, { force: a.force })) {
          say(io, item.Untagged !== undefined ? `Untagged: ${item.Untagged}` : `Deleted: ${item.Deleted}`);
        }
      }
    },
  );
