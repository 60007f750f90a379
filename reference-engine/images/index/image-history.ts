import { familiar } from '../reference/parse-reference.js';
import { createdMs } from './image-filters.js';
import { readConfig } from './read-config.js';
import type { ImageStoreContext } from './store-context.js';

/** Docker's HistoryResponseItem (GET /images/{name}/history). */
export interface HistoryResponseItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/**
 * The config's history newest first; each non-empty entry takes the next layer's size. Like Docker,
 * only the top entry carries the image id and tags; the others say `<missing>`.
 */
export async function imageHistory(ctx: ImageStoreContext, ref: string): Promise<HistoryResponseItem[]> {
  const image = ctx.index.resolve(ref);
  const config = await readConfig(ctx, image);
  let layer = 0;
  const items = (config.history ?? []).map((entry) => ({
    Id: '<missing>',
    Created: Math.floor(createdMs(entry.created ?? '') / 1000),
    CreatedBy: entry.created_by ?? '',
    Tags: null as string[] | null,
    Size: entry.empty_layer ? 0 : (image.layers[layer++]?.size ?? 0),
    Comment: entry.comment ?? '',
  }));
  items.reverse();
  const top = items[0];
  if (top) {
    top.Id = image.id;
    top.Tags = ctx.index.tagsOf(image.id).map(familiar);
  }
  return items;
}
