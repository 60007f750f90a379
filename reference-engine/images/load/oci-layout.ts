import { Annotation, isIndexType, isManifestType } from '../../../spec/oci-image/media-types.js';
import type {
  Descriptor,
  ImageIndexDocument,
  ImageManifest,
  Platform,
} from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ContentStore, IngestResult } from '../content-store/content-store.js';
import { hexOf } from '../content-store/digest.js';
import { parseTagged } from '../reference/parse-reference.js';
import type { ArchiveFiles } from './archive-files.js';
import { checkConfig, type FoundLayer, recordOf, type VerifiedImage } from './build-record.js';
import { checkLayerTars } from './check-layer-tar.js';
import { selectPlatform } from './select-platform.js';

const MAX_INDEX_DEPTH = 4;

/** Verify each image an OCI image layout's index.json names; nested indexes go through platform selection. */
export async function verifyOciLayout(
  content: ContentStore,
  files: ArchiveFiles,
  platform: Platform,
): Promise<VerifiedImage[]> {
  const layout = await files.json<{ imageLayoutVersion?: string }>('oci-layout');
  if (typeof layout.imageLayoutVersion !== 'string')
    throw new InvalidArgument('oci-layout lacks imageLayoutVersion');
  const index = await files.json<ImageIndexDocument>('index.json');
  if (!Array.isArray(index.manifests)) throw new InvalidArgument('index.json lacks manifests');
  const images: VerifiedImage[] = [];
  for (const top of index.manifests) {
    const manifest = await manifestFor(content, files, top, platform, 0);
    images.push({ record: await verifyManifest(content, files, manifest), tags: tagsOf(top) });
  }
  return images;
}

async function manifestFor(
  content: ContentStore,
  files: ArchiveFiles,
  desc: Descriptor,
  platform: Platform,
  depth: number,
): Promise<Descriptor> {
  if (isManifestType(desc.mediaType)) return desc;
  if (!isIndexType(desc.mediaType) || depth >= MAX_INDEX_DEPTH) {
    throw new InvalidArgument(`unsupported descriptor media type ${desc.mediaType} for ${desc.digest}`);
  }
  const child = await readJson<ImageIndexDocument>(content, files, desc);
  if (!Array.isArray(child.manifests)) throw new InvalidArgument(`index ${desc.digest} lacks manifests`);
  const chosen = selectPlatform(child.manifests, platform, `index ${desc.digest}`);
  return manifestFor(content, files, chosen, platform, depth + 1);
}

async function verifyManifest(content: ContentStore, files: ArchiveFiles, desc: Descriptor) {
  const manifest = await readJson<ImageManifest>(content, files, desc);
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new InvalidArgument(`manifest ${desc.digest} lacks config or layers`);
  }
  const config = blobFor(files, manifest.config);
  const layers: FoundLayer[] = manifest.layers.map((layer) => ({
    path: `blobs/sha256/${hexOf(layer.digest)}`,
    blob: blobFor(files, layer),
  }));
  const parsed = checkConfig(await content.readBytes(config.digest), manifest.config.digest, layers);
  await checkLayerTars(content, layers);
  const stored = { mediaType: desc.mediaType, digest: desc.digest, size: desc.size };
  return recordOf(config.digest, stored, parsed, layers);
}

/** The archive's blob for a descriptor: present, and as long as the descriptor says (digest checked at ingest). */
function blobFor(files: ArchiveFiles, desc: Descriptor): IngestResult {
  const path = `blobs/sha256/${hexOf(desc.digest)}`;
  const blob = files.get(path);
  if (!blob) throw new InvalidArgument(`blob ${desc.digest} is missing from the archive`);
  if (blob.size !== desc.size) {
    throw new InvalidArgument(
      `blob ${desc.digest} is ${blob.size} bytes but its descriptor says ${desc.size}`,
    );
  }
  return blob;
}

async function readJson<T>(content: ContentStore, files: ArchiveFiles, desc: Descriptor): Promise<T> {
  const blob = blobFor(files, desc);
  try {
    return JSON.parse((await content.readBytes(blob.digest)).toString('utf8')) as T;
  } catch (err) {
    throw new InvalidArgument(`blob ${desc.digest} is not valid JSON`, { cause: err });
  }
}

/**
 * The name an index.json entry carries: containerd's full `io.containerd.image.name`, else
 * `org.opencontainers.image.ref.name` when it is a whole reference (a bare tag names no repository).
 */
function tagsOf(desc: Descriptor): string[] {
  const full = desc.annotations?.[Annotation.containerdName];
  if (full) return [parseTagged(full)];
  const ref = desc.annotations?.[Annotation.refName];
  if (ref && /[:/]/.test(ref)) return [parseTagged(ref)];
  return [];
}
