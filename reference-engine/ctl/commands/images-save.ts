import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages } from '../common/context.js';
import { UsageError } from '../common/usage-error.js';

/** `shipctl images save [-o FILE] [--format docker-archive|oci-layout] REF...` */
export const imagesSave = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'save <refs..>',
    'Write images to a tar (docker-archive or OCI layout)',
    (c) =>
      c
        .positional('refs', { type: 'string', array: true, demandOption: true, describe: 'Images to save' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write to FILE instead of stdout' })
        .option('format', {
          choices: ['docker-archive', 'oci-layout'] as const,
          default: 'docker-archive' as const,
          describe: 'Archive format',
        }),
    async (a) => {
      if (a.output === undefined && io.stdout.isTTY)
        throw new UsageError('refusing to write an archive to a terminal: use -o FILE or a pipe');
      const images = await openImages(a);
      const tar = images.save(a.refs, { format: a.format });
      if (a.output === undefined) {
        await pipeline(tar, io.stdout, { end: false });
        return;
      }
      const file = a.output;
      await pipeline(tar, createWriteStream(file)).catch(async (err: unknown) => {
        await rm(file, { force: true });
        throw err;
      });
    },
  );
