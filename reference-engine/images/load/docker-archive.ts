import { InvalidArgument } from '../../errors.js';
import type { ContentStore, Lease } from '../content-store/content-store.js';
import { parseTagged } from '../reference/parse-reference.js';
import type { ArchiveFiles } from './archive-files.js';
import { checkConfig, type FoundLayer, recordOf, storeManifest, type VerifiedImage } from './build-record.js';
import { checkLayerTars } from './check-layer-tar.js';

interface ManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

const NAMED_BY_DIGEST = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/;

/** Verify each image of a docker-archive (`docker save` format) whose files are already ingested. */
export async function verifyDockerArchive(
  content: ContentStore,
  files: ArchiveFiles,
  lease: Lease,
): Promise<VerifiedImage[]> {
  const entries = await files.json<ManifestEntry[]>('manifest.json');
  if (!Array.isArray(entries)) throw new InvalidArgument('manifest.json is not a list of images');
  const images: VerifiedImage[] = [];
  for (const entry of entries) {
    if (typeof entry.Config !== 'string' || !Array.isArray(entry.Layers)) {
      throw new InvalidArgument('manifest.json entry lacks Config or Layers');
    }
    const config = files.get(entry.Config);
    if (!config)
      throw new InvalidArgument(`config ${entry.Config} named in manifest.json is missing from the archive`);
    const namedHex = NAMED_BY_DIGEST.exec(entry.Config)?.[1];
    if (namedHex !== undefined && config.digest !== `sha256:${namedHex}`) {
      throw new InvalidArgument(
        `config ${entry.Config} has digest ${config.digest}, not the one its name says`,
      );
    }
    const layers: FoundLayer[] = entry.Layers.map((path) => {
      const blob = files.get(path);
      if (!blob)
        throw new InvalidArgument(`layer ${path} named in manifest.json is missing from the archive`);
      return { path, blob };
    });
    const parsed = checkConfig(await content.readBytes(config.digest), entry.Config, layers);
    await checkLayerTars(content, layers);
    const manifest = await storeManifest(content, config, layers, lease);
    const tags = (entry.RepoTags ?? []).map((tag) => parseTagged(tag));
    images.push({ record: recordOf(config.digest, manifest, parsed, layers), tags });
  }
  return images;
}
