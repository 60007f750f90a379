import { isIndexType, isManifestType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor } from '../../../spec/oci-image/types.js';
import type { BlobInfo, ContentStore } from './content-store.js';

export interface GarbageReport {
  removed: BlobInfo[];
  bytes: number;
}

/**
 * Mark every blob reachable from `roots` (manifest or index digests: their configs, layers and
 * child manifests), then delete the rest. Leased blobs survive. The caller must keep roots from
 * changing meanwhile (the image store runs this under its index lock).
 */
export async function collectGarbage(store: ContentStore, roots: Iterable<string>): Promise<GarbageReport> {
  const marked = await markReachable(store, roots);
  const removed: BlobInfo[] = [];
  for (const blob of await store.list()) {
    const gone = await store.delete(blob.digest, (digest) => marked.has(digest));
    if (gone) removed.push(gone);
  }
  return { removed, bytes: removed.reduce((sum, blob) => sum + blob.size, 0) };
}

async function markReachable(store: ContentStore, roots: Iterable<string>): Promise<Set<string>> {
  const marked = new Set<string>();
  const documents = [...roots];
  for (let digest = documents.pop(); digest !== undefined; digest = documents.pop()) {
    if (marked.has(digest)) continue;
    marked.add(digest);
    for (const child of await childrenOf(store, digest)) {
      if (isIndexType(child.mediaType) || isManifestType(child.mediaType)) {
        documents.push(child.digest);
      } else {
        marked.add(child.digest);
      }
    }
  }
  return marked;
}

/** The descriptors a manifest or index points at; none when the blob is absent or not JSON. */
async function childrenOf(store: ContentStore, digest: string): Promise<Descriptor[]> {
  const bytes = await store.readBytes(digest).catch(() => undefined);
  if (bytes === undefined) return [];
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as {
      config?: Descriptor;
      layers?: Descriptor[];
      manifests?: Descriptor[];
    };
    return [...(doc.config ? [doc.config] : []), ...(doc.layers ?? []), ...(doc.manifests ?? [])];
  } catch {
    return [];
  }
}
