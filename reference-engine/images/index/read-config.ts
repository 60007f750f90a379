import type { ImageConfig } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ImageRecord } from './image-record.js';
import type { ImageStoreContext } from './store-context.js';

/** The parsed config blob of an image (its id is the config digest). */
export async function readConfig(ctx: ImageStoreContext, image: ImageRecord): Promise<ImageConfig> {
  const bytes = await ctx.content.readBytes(image.id);
  try {
    return JSON.parse(bytes.toString('utf8')) as ImageConfig;
  } catch (err) {
    throw new InvalidArgument(`config ${image.id} is not JSON`, { cause: err });
  }
}
