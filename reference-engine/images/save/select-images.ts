import { NotFound } from '../../errors.js';
import type { ImageIndex } from '../index/image-index.js';
import type { ImageRecord } from '../index/image-record.js';
import { parseReference, repositoryOf } from '../reference/parse-reference.js';

/** An image to save and the normalised `name:tag` references to write with it. */
export interface SaveSelection {
  image: ImageRecord;
  tags: string[];
}

/**
 * What `docker save REF...` writes: a `name:tag` brings that tag, a bare repository name brings every
 * tag in that repository, an id or `name@digest` brings the image without tags.
 */
export function selectImages(index: ImageIndex, refs: readonly string[]): SaveSelection[] {
  const selected = new Map<string, SaveSelection>();
  const add = (image: ImageRecord, tag?: string) => {
    const entry = selected.get(image.id) ?? { image, tags: [] };
    if (tag !== undefined && !entry.tags.includes(tag)) entry.tags.push(tag);
    selected.set(image.id, entry);
  };
  for (const ref of refs) {
    const repoTags = repositoryTags(index, ref);
    if (repoTags.length > 0) {
      for (const { image, tag } of repoTags) add(image, tag);
      continue;
    }
    const image = index.resolve(ref);
    const byId = image.id.startsWith(ref) || image.id.startsWith(`sha256:${ref}`);
    const parsed = byId ? undefined : parseReference(ref);
    add(image, parsed && !parsed.digest ? `${parsed.name}:${parsed.tag ?? 'latest'}` : undefined);
  }
  if (selected.size === 0) throw new NotFound('no images to save');
  return [...selected.values()];
}

/** Every tag of the repository `ref` names, when `ref` is a bare repository name (no tag, no digest). */
function repositoryTags(index: ImageIndex, ref: string): Array<{ image: ImageRecord; tag: string }> {
  let parsed: ReturnType<typeof parseReference>;
  try {
    parsed = parseReference(ref);
  } catch {
    return [];
  }
  if (parsed.tag !== undefined || parsed.digest !== undefined) return [];
  const found: Array<{ image: ImageRecord; tag: string }> = [];
  for (const image of index.images()) {
    for (const tag of index.tagsOf(image.id))
      if (repositoryOf(tag) === parsed.name) found.push({ image, tag });
  }
  return found;
}
