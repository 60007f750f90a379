import { Conflict } from '../../errors.js';
import { familiar, parseReference, parseTagged, repositoryOf } from '../reference/parse-reference.js';
import type { IndexState } from './image-record.js';
import type { ContainerUse, ImageStoreContext } from './store-context.js';

/** Docker's ImageDeleteResponseItem. */
export interface ImageDeleteResponseItem {
  Untagged?: string;
  Deleted?: string;
}

export interface RemoveOptions {
  /** Remove even when tagged in several repositories or used by a stopped container. */
  force?: boolean;
}

/**
 * `docker rmi` semantics (moby's ImageDelete): by name, untag it and delete the image only when that
 * was its last reference; by id, untag and delete when all references share one repository, else
 * Conflict unless forced. A running container always blocks deletion; a stopped one unless forced.
 * Blobs are left to garbage collection.
 */
export async function removeImage(
  ctx: ImageStoreContext,
  ref: string,
  options: RemoveOptions = {},
): Promise<ImageDeleteResponseItem[]> {
  const image = ctx.index.resolve(ref);
  const uses = await ctx.containersUsing(image.id);
  const byId = image.id.startsWith(ref) || image.id.startsWith(`sha256:${ref}`);
  const force = options.force ?? false;
  return ctx.index.update((draft) => {
    const records: ImageDeleteResponseItem[] = [];
    const untag = (key: string) => {
      delete draft.tags[key];
      delete draft.digests[key];
      records.push({ Untagged: familiar(key) });
    };
    if (!byId) {
      const key = referenceKey(ref);
      // moby: the last reference of an image a container uses is not removed without force.
      const stopped = uses[0];
      if (!force && stopped && singleReference(refsOf(draft, image.id)))
        throw new Conflict(
          `conflict: unable to remove repository reference "${ref}" (must force) - container ${stopped.id.slice(0, 12)} is using its referenced image ${image.id.slice(7, 19)}`,
        );
      untag(key);
      const repo = repositoryOf(key);
      const inRepo = (r: string) => repositoryOf(r) === repo;
      if (!keysTo(draft.tags, image.id).some(inRepo))
        keysTo(draft.digests, image.id).filter(inRepo).forEach(untag);
      if (refsOf(draft, image.id).length > 0) return records;
    } else if (singleRepository(refsOf(draft, image.id))) {
      const conflict = conflictOf(image.id, uses, force, false);
      if (conflict) throw conflict;
      for (const r of refsOf(draft, image.id)) untag(r);
    }
    const conflict = conflictOf(image.id, uses, force, refsOf(draft, image.id).length > 0);
    if (conflict) {
      if (!byId) return records;
      throw conflict;
    }
    for (const r of refsOf(draft, image.id)) untag(r);
    delete draft.images[image.id];
    records.push({ Deleted: image.id });
    return records;
  });
}

function referenceKey(ref: string): string {
  const parsed = parseReference(ref);
  return parsed.digest ? `${parsed.name}@${parsed.digest}` : parseTagged(ref);
}

const keysTo = (table: Record<string, string>, id: string): string[] =>
  Object.keys(table).filter((key) => table[key] === id);

const refsOf = (state: IndexState, id: string): string[] => [
  ...keysTo(state.tags, id),
  ...keysTo(state.digests, id),
];

/** moby's isSingleReference: one tag (digests of its repository aside), or digests of one repository. */
function singleReference(refs: string[]): boolean {
  const tags = refs.filter((r) => !r.includes('@'));
  if (tags.length > 1) return false;
  return singleRepository(refs) && refs.length > 0;
}

function singleRepository(refs: string[]): boolean {
  return new Set(refs.map(repositoryOf)).size <= 1;
}

function conflictOf(
  id: string,
  uses: readonly ContainerUse[],
  force: boolean,
  referenced: boolean,
): Conflict | undefined {
  const short = id.slice(7, 19);
  const running = uses.find((use) => use.running);
  if (running) {
    return new Conflict(
      `conflict: unable to delete ${short} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`,
    );
  }
  if (force) return undefined;
  const stopped = uses[0];
  if (stopped) {
    return new Conflict(
      `conflict: unable to delete ${short} (must be forced) - image is being used by stopped container ${stopped.id.slice(0, 12)}`,
    );
  }
  if (referenced) {
    return new Conflict(
      `conflict: unable to delete ${short} (must be forced) - image is referenced in multiple repositories`,
    );
  }
  return undefined;
}
