import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages, say } from '../common/context.js';
import { parseFilters } from '../common/filters.js';
import { humanSize } from '../common/format.js';

/** `shipctl images prune [--all] [--filter k=v]...`: dangling images, or every unused one with --all. */
export const imagesPrune = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'prune',
    'Remove unused images (dangling only unless --all)',
    (c) =>
      c
        .option('all', { alias: 'a', type: 'boolean', default: false, describe: 'Tagged images too' })
        .option('filter', { type: 'string', array: true, describe: 'until=..., label=..., label!=...' }),
    async (a) => {
      const filters = { ...parseFilters(a.filter), ...(a.all && { dangling: ['false'] }) };
      const result = await (await openImages(a)).prune(filters);
      for (const item of result.ImagesDeleted)
        say(io, item.Untagged !== undefined ? `Untagged: ${item.Untagged}` : `Deleted: ${item.Deleted}`);
      say(io, `Total reclaimed space: ${humanSize(result.SpaceReclaimed)}`);
    },
  );
