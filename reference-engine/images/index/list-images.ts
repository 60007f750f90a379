import { familiar } from '../reference/parse-reference.js';
import { referenceMatches } from '../reference/reference-glob.js';
import { checkFilterNames, createdMs, danglingFilter, type Filters, labelsMatch } from './image-filters.js';
import type { ImageRecord } from './image-record.js';
import type { ImageStoreContext } from './store-context.js';

/** Docker's ImageSummary (GET /images/json). */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize: number;
  Labels: Record<string, string>;
  Containers: number;
}

/** Size Docker reports for an image: the sum of its uncompressed layers. */
export const imageSize = (image: ImageRecord): number =>
  image.layers.reduce((sum, layer) => sum + layer.size, 0);

/** List images newest first, with Docker's filters: dangling, before, since, label, reference. */
export function listImages(ctx: ImageStoreContext, filters: Filters = {}): ImageSummary[] {
  checkFilterNames(filters, ['dangling', 'before', 'since', 'label', 'reference']);
  const dangling = danglingFilter(filters);
  const before = (filters.before ?? []).map((ref) => createdMs(ctx.index.resolve(ref).created));
  const since = (filters.since ?? []).map((ref) => createdMs(ctx.index.resolve(ref).created));
  const patterns = filters.reference ?? [];
  // As dockerd: with reference patterns, an image is listed by the references that match, and only those.
  const shown = (ref: string) => patterns.length === 0 || patterns.some((p) => referenceMatches(p, ref));
  return ctx.index
    .images()
    .filter((image) => {
      const tags = ctx.index.tagsOf(image.id);
      const refs = [...tags, ...ctx.index.digestsOf(image.id)];
      const created = createdMs(image.created);
      if (dangling !== undefined && dangling !== (refs.length === 0)) return false;
      if (!before.every((limit) => created < limit) || !since.every((limit) => created > limit)) return false;
      if (patterns.length > 0 && !refs.some(shown)) return false;
      return labelsMatch(image.labels, filters);
    })
    .map((image) => summaryOf(ctx, image, shown))
    .sort((a, b) => b.Created - a.Created || a.Id.localeCompare(b.Id));
}

function summaryOf(
  ctx: ImageStoreContext,
  image: ImageRecord,
  shown: (ref: string) => boolean,
): ImageSummary {
  const size = imageSize(image);
  const tags = ctx.index.tagsOf(image.id).filter(shown).map(familiar);
  const digests = ctx.index.digestsOf(image.id).filter(shown).map(familiar);
  const untagged = tags.length === 0 && digests.length === 0;
  return {
    Id: image.id,
    ParentId: '',
    RepoTags: untagged ? ['<none>:<none>'] : tags,
    RepoDigests: untagged ? ['<none>@<none>'] : digests,
    Created: Math.floor(createdMs(image.created) / 1000),
    Size: size,
    SharedSize: -1,
    VirtualSize: size,
    Labels: image.labels,
    Containers: -1,
  };
}
