import { familiar } from '../reference/parse-reference.js';
import {
  checkFilterNames,
  createdMs,
  danglingFilter,
  type Filters,
  labelsMatch,
  parseTimestamp,
} from './image-filters.js';
import type { ImageDeleteResponseItem } from './remove-image.js';
import type { ImageStoreContext } from './store-context.js';

/** Docker's ImagePruneResponse; SpaceReclaimed is filled in by the caller after garbage collection. */
export interface ImagePruneResponse {
  ImagesDeleted: ImageDeleteResponseItem[];
  SpaceReclaimed: number;
}

/**
 * Remove images no container uses: only dangling ones (default, `dangling=true`) or all of them
 * (`dangling=false`), narrowed by `until` (created before) and `label` / `label!`.
 */
export async function pruneImages(
  ctx: ImageStoreContext,
  filters: Filters = {},
): Promise<ImageDeleteResponseItem[]> {
  checkFilterNames(filters, ['dangling', 'until', 'label', 'label!']);
  const danglingOnly = danglingFilter(filters) ?? true;
  const until = (filters.until ?? []).map((value) => parseTimestamp(value));
  const candidates: string[] = [];
  for (const image of ctx.index.images()) {
    const referenced = ctx.index.tagsOf(image.id).length + ctx.index.digestsOf(image.id).length > 0;
    if (danglingOnly && referenced) continue;
    if (!until.every((limit) => createdMs(image.created) < limit)) continue;
    if (!labelsMatch(image.labels, filters)) continue;
    if ((await ctx.containersUsing(image.id)).length > 0) continue;
    candidates.push(image.id);
  }
  return ctx.index.update((draft) => {
    const records: ImageDeleteResponseItem[] = [];
    for (const id of candidates) {
      const tagged = Object.values(draft.tags).includes(id) || Object.values(draft.digests).includes(id);
      if (!draft.images[id] || (danglingOnly && tagged)) continue;
      for (const table of [draft.tags, draft.digests]) {
        for (const [ref, target] of Object.entries(table)) {
          if (target !== id) continue;
          delete table[ref];
          records.push({ Untagged: familiar(ref) });
        }
      }
      delete draft.images[id];
      records.push({ Deleted: id });
    }
    return records;
  });
}
