import type { Argv } from 'yargs';
import { type GlobalArgs, type Io, openImages, say } from '../common/context.js';

/** `shipctl images inspect REF`: Docker's Image JSON. */
export const imagesInspect = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'inspect <ref>',
    'Show an image as Docker’s inspect JSON',
    (c) => c.positional('ref', { type: 'string', demandOption: true }),
    async (a) => {
      say(io, JSON.stringify(await (await openImages(a)).inspect(a.ref), null, 2));
    },
  );
