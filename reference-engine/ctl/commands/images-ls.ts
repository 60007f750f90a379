import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages, say } from '../common/context.js';
import { parseFilters } from '../common/filters.js';
import { humanSize, table } from '../common/format.js';

/** `shipctl images ls [--filter k=v]... [--quiet] [--json]` */
export const imagesLs = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'ls',
    'List images (filters: dangling, before, since, label, reference)',
    (c) =>
      c
        .option('filter', { alias: 'f', type: 'string', array: true, describe: 'KEY=VALUE, repeatable' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print image ids only' })
        .option('json', { type: 'boolean', default: false, describe: 'Print Docker ImageSummary JSON' }),
    async (a) => {
      const list = (await openImages(a)).list(parseFilters(a.filter));
      if (a.json) return say(io, JSON.stringify(list, null, 2));
      if (a.quiet) {
        for (const image of list) say(io, image.Id);
        return;
      }
      const rows = list.flatMap((image) =>
        image.RepoTags.map((ref) => [
          ref,
          image.Id,
          humanSize(image.Size),
          new Date(image.Created * 1000).toISOString(),
        ]),
      );
      say(io, table(['REF', 'ID', 'SIZE', 'CREATED'], rows));
    },
  );
