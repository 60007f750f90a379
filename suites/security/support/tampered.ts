import { tarBuffer } from '../../../core/tar/index.js';
import {
  buildImage,
  buildLayer,
  digestHex,
  dockerArchiveFiles,
  type FixtureImage,
  file,
  fixtureImage,
  imageForHost,
  ociLayoutFiles,
  sha256Digest,
} from '../../../fixtures/images/index.js';
import { filesToMembers } from '../../../fixtures/images/oci-layout.js';

/** One way to tamper with an image, in one archive form. */
export interface TamperedCase {
  readonly id: string;
  readonly attack: 'content.blob-digest' | 'content.diff-id' | 'content.missing-blob';
  readonly form: 'docker-archive' | 'oci-layout';
  readonly description: string;
  /** The archive of the probe image plus a run-unique layer (no engine holds it), tampered. */
  build(ref: string, salt: string): Promise<TamperedArchive>;
}

export interface TamperedArchive {
  readonly tar: Buffer;
  /** Every image ID a load of it could make (the config digest, before and after tampering). */
  readonly ids: readonly string[];
}

/** The probe image with one more layer holding `salt`, so none of its content is already known. */
async function saltedProbe(ref: string, salt: string): Promise<FixtureImage> {
  const probe = imageForHost(await fixtureImage('probe'));
  const layer = await buildLayer([file('/salt', `${salt}\n`)], { createdBy: 'shipshape: salt' });
  const c = probe.config.config as { Env?: string[]; Entrypoint?: string[]; Cmd?: string[] };
  return buildImage({
    name: 'tampered',
    ref,
    layers: [...probe.layers, layer],
    config: { Env: c.Env, Cmd: c.Cmd },
  });
}

type Files = Map<string, Buffer>;

const tamper = (
  id: string,
  attack: TamperedCase['attack'],
  form: TamperedCase['form'],
  description: string,
  change: (files: Files, image: FixtureImage) => string | undefined,
): TamperedCase => ({
  id,
  attack,
  form,
  description,
  async build(ref, salt) {
    const image = await saltedProbe(ref, salt);
    const files =
      form === 'oci-layout' ? ociLayoutFiles(image, { ref }) : dockerArchiveFiles(image, { refs: [ref] });
    const id = change(files, image);
    return {
      tar: await tarBuffer(filesToMembers(files)),
      ids: id === undefined ? [image.id] : [image.id, id],
    };
  },
});

const top = (image: FixtureImage) => image.layers[image.layers.length - 1] as FixtureImage['layers'][number];
const blobPath = (digest: string) => `blobs/sha256/${digestHex(digest)}`;
/** The docker-archive path of the top layer's tar (manifest.json's last Layers entry). */
const dockerTopLayer = (files: Files): string => {
  const [entry] = JSON.parse(String(files.get('manifest.json'))) as { Layers: string[] }[];
  return entry?.Layers.at(-1) as string;
};
/** Same length, other bytes: the last byte flipped. */
const flipped = (bytes: Buffer): Buffer => {
  const out = Buffer.from(bytes);
  out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0xff;
  return out;
};

/** Tampered content: each must be refused, and the engine's image list must not change. */
export const TAMPERED_CASES: readonly TamperedCase[] = [
  tamper(
    'oci-layer-digest',
    'content.blob-digest',
    'oci-layout',
    'a layer blob whose bytes no longer hash to its name and descriptor (same size)',
    (files, image) => {
      const path = blobPath(top(image).blob.digest);
      files.set(path, flipped(files.get(path) as Buffer));
      return undefined;
    },
  ),
  tamper(
    'docker-config-digest',
    'content.blob-digest',
    'docker-archive',
    'a config whose bytes no longer hash to the digest its file is named by',
    (files, image) => {
      const path = `${digestHex(image.configBlob.digest)}.json`;
      const config = JSON.parse(String(files.get(path))) as Record<string, unknown>;
      const bytes = Buffer.from(JSON.stringify({ ...config, author: 'tampered' }));
      files.set(path, bytes);
      return sha256Digest(bytes);
    },
  ),
  tamper(
    'oci-diff-id',
    'content.diff-id',
    'oci-layout',
    "the config's last diff_id is another layer's (config and manifest re-hashed to match)",
    (files, image) => rewriteConfig(files, image, 'oci'),
  ),
  tamper(
    'docker-diff-id',
    'content.diff-id',
    'docker-archive',
    "the config's last diff_id is another layer's",
    (files, image) => rewriteConfig(files, image, 'docker'),
  ),
  tamper(
    'oci-missing-blob',
    'content.missing-blob',
    'oci-layout',
    'the manifest names a layer blob the archive does not hold',
    (files, image) => {
      files.delete(blobPath(top(image).blob.digest));
      return undefined;
    },
  ),
  tamper(
    'docker-missing-layer',
    'content.missing-blob',
    'docker-archive',
    'manifest.json names a layer tar the archive does not hold',
    (files) => {
      files.delete(dockerTopLayer(files));
      return undefined;
    },
  ),
];

/** Puts a wrong last diff_id into the config and re-addresses the config (and the manifest). */
function rewriteConfig(files: Files, image: FixtureImage, form: 'oci' | 'docker'): string {
  const config = JSON.parse(image.configBlob.bytes.toString()) as { rootfs: { diff_ids: string[] } };
  config.rootfs.diff_ids[config.rootfs.diff_ids.length - 1] = sha256Digest('not this layer');
  const bytes = Buffer.from(JSON.stringify(config));
  const digest = sha256Digest(bytes);
  if (form === 'docker') {
    files.delete(`${digestHex(image.configBlob.digest)}.json`);
    files.set(`${digestHex(digest)}.json`, bytes);
    const manifest = JSON.parse(String(files.get('manifest.json'))) as { Config: string }[];
    for (const m of manifest) m.Config = `${digestHex(digest)}.json`;
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    return digest;
  }
  files.delete(blobPath(image.configBlob.digest));
  files.set(blobPath(digest), bytes);
  const manifest = JSON.parse(image.manifest.bytes.toString()) as {
    config: { digest: string; size: number };
  };
  manifest.config = { ...manifest.config, digest, size: bytes.length };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestDigest = sha256Digest(manifestBytes);
  files.delete(blobPath(image.manifest.digest));
  files.set(blobPath(manifestDigest), manifestBytes);
  const index = JSON.parse(String(files.get('index.json'))) as {
    manifests: { digest: string; size: number }[];
  };
  for (const m of index.manifests) Object.assign(m, { digest: manifestDigest, size: manifestBytes.length });
  files.set('index.json', Buffer.from(JSON.stringify(index)));
  return digest;
}
