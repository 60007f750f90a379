import type { Argv } from 'yargs';
import { unpackImage } from '../../storage/unpack-image.js';
import { type GlobalArgs, type Io, openImages, openStorage, say } from '../common/context.js';

/** `shipctl images unpack REF`: layers → committed snapshots named by ChainID; prints the top one. */
export const imagesUnpack = (y: Argv<GlobalArgs>, io: Io) =>
  y.command(
    'unpack <ref>',
    'Unpack an image into the storage driver as committed snapshots (named by chain id)',
    (c) => c.positional('ref', { type: 'string', demandOption: true }),
    async (a) => {
      const result = await unpackImage(await openImages(a), openStorage(a), a.ref);
      for (const layer of result.layers)
        say(io, `${layer.unpacked ? 'unpacked' : 'exists  '} ${layer.chainId} (diff ${layer.diffId})`);
      say(io, `top snapshot: ${result.top ?? '(none: the image has no layers)'}`);
    },
  );
