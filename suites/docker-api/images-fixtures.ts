import { randomBytes } from 'node:crypto';
import type { DockerApiClient } from '../../core/engines/docker-api/index.js';
import { EngineError } from '../../core/errors.js';
import { readTar, tarBuffer } from '../../core/tar/index.js';
import { descriptorOf, jsonBlob } from '../../fixtures/images/blob.js';
import {
  dockerArchiveFiles,
  dockerArchiveTar,
  type FixtureImage,
  fixtureImage,
  imageForHost,
} from '../../fixtures/images/index.js';
import { filesToMembers } from '../../fixtures/images/oci-layout.js';
import { MediaType } from '../../spec/oci-image/media-types.js';

// Images for the images-*/system-* tests: fixture variants with their own ID, loading and removal.

export interface VariantOptions {
  /** The config's `created` (RFC 3339); the fixtures all share 2024-01-01. */
  readonly created?: string;
  /** Labels added to the image config (a run label makes the image ours alone). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The probe image with a different config (so a different image ID), same layers. */
export async function probeVariant(
  opts: VariantOptions,
  base: FixtureImage | undefined = undefined,
): Promise<FixtureImage> {
  const image = base ?? imageForHost(await fixtureImage('probe'));
  const config = { ...image.config.config } as Record<string, unknown>;
  const labels = { ...(config.Labels as Record<string, string> | undefined), ...opts.labels };
  if (Object.keys(labels).length > 0) config.Labels = Object.fromEntries(Object.entries(labels).sort());
  const document = { ...image.config, created: opts.created ?? image.config.created, config };
  const configBlob = jsonBlob(MediaType.ociConfig, document);
  const manifest = jsonBlob(MediaType.ociManifest, {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: descriptorOf(configBlob),
    layers: image.layers.map((l) => descriptorOf(l.blob)),
  });
  return { ...image, config: document, configBlob, manifest, id: configBlob.digest };
}

/** A fresh lower-case repository name: `shipshape-a/<hint>-<random>`. */
export const uniqueRepo = (hint: string): string => `shipshape-a/${hint}-${randomBytes(4).toString('hex')}`;

/** Loads `image` as a docker-archive tagged with `refs` (none: untagged); returns the load result. */
export async function loadArchive(client: DockerApiClient, image: FixtureImage, refs: readonly string[]) {
  return client.images.load(await dockerArchiveTar(image, { refs }));
}

/** One docker-archive holding several images: manifest.json lists them in order. */
export async function multiImageArchive(
  entries: readonly { image: FixtureImage; refs: readonly string[] }[],
): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  const manifest: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const { image, refs } of entries) {
    const one = dockerArchiveFiles(image, { refs });
    for (const [path, bytes] of one)
      if (path !== 'manifest.json' && path !== 'repositories') files.set(path, bytes);
    manifest.push(...(JSON.parse(String(one.get('manifest.json'))) as unknown[]));
    for (const [repo, tags] of Object.entries(
      JSON.parse(String(one.get('repositories'))) as Record<string, Record<string, string>>,
    )) {
      repositories[repo] = { ...repositories[repo], ...tags };
    }
  }
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  files.set('repositories', Buffer.from(JSON.stringify(repositories)));
  return tarBuffer(filesToMembers(files));
}

/** Removes an image by id or ref with force; already gone is fine. */
export async function removeImageQuietly(client: DockerApiClient, name: string): Promise<void> {
  const res = await client.raw('DELETE', `/images/${name}`, { query: { force: '1', noprune: '0' } });
  if (res.status >= 400 && res.status !== 404 && res.status !== 409) {
    throw new EngineError(res.status, res.text(), `removing image ${name}`);
  }
}

/** The name the engine reports for a ref it loaded: Podman prefixes `localhost/`. */
export const engineRef = (ref: string, repoTags: readonly string[] | null | undefined): string =>
  (repoTags ?? []).find((t) => t === ref || t === `localhost/${ref}` || t === `docker.io/${ref}`) ?? ref;

/** The entries of manifest.json in a saved docker-archive (and the tar's member names). */
export interface SavedArchive {
  readonly manifest: readonly {
    Config: string;
    RepoTags: readonly string[] | null;
    Layers: readonly string[];
  }[];
  readonly names: readonly string[];
}

/** Reads a tar stream from GET /images/.../get into its manifest.json. */
export async function readSavedArchive(
  stream: AsyncIterable<unknown>,
): Promise<{ archive: SavedArchive; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const members = await readTar(bytes);
  const manifest = members.find((m) => m.name === 'manifest.json');
  const parsed = manifest === undefined ? [] : JSON.parse(manifest.content.toString('utf8'));
  return { archive: { manifest: parsed, names: members.map((m) => m.name) }, bytes };
}
