import { createReadStream } from 'node:fs';
import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages, say } from '../common/context.js';
import { UsageError } from '../common/usage-error.js';

/** `shipctl images load [-i FILE]`: a docker-archive or OCI layout tar (gzip allowed) from FILE or stdin. */
export const imagesLoad = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'load',
    'Load images from a docker-archive or OCI layout tar',
    (c) => c.option('input', { alias: 'i', type: 'string', describe: 'Read from FILE instead of stdin' }),
    async (a) => {
      if (a.input === undefined && io.stdin.isTTY)
        throw new UsageError('refusing to read an archive from a terminal: use -i FILE or a pipe');
      const source = a.input === undefined ? io.stdin : createReadStream(a.input);
      const images = await openImages(a);
      const result = await images.load(source as AsyncIterable<Uint8Array>);
      for (const line of result.messages) say(io, line);
    },
  );
