import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type TarEntry, tarBuffer } from '../../../core/tar/index.js';
import { Annotation, MediaType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor, ImageConfig, ImageManifest } from '../../../spec/oci-image/types.js';

/** Deterministic test archives (fixed mtimes, sorted keys), as core/tar entries. */
const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const hex = (digest: string) => digest.slice('sha256:'.length);

export interface ImageSpec {
  layers: Array<{ files: Record<string, string>; gzip?: boolean }>;
  tags?: string[];
  labels?: Record<string, string>;
  created?: string;
  architecture?: string;
  cmd?: string[];
}

export interface BuiltLayer {
  blob: Buffer;
  digest: string;
  diffId: string;
  mediaType: string;
}

export interface BuiltImage {
  id: string;
  config: Buffer;
  configJson: ImageConfig;
  layers: BuiltLayer[];
  manifest: Buffer;
  manifestDescriptor: Descriptor;
  tags: string[];
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const layers: BuiltLayer[] = [];
  for (const layer of spec.layers) {
    const files = Object.keys(layer.files).sort();
    const tar = await tarBuffer(files.map((name) => ({ name, content: layer.files[name] ?? '' })));
    const blob = layer.gzip ? gzipSync(tar) : tar;
    const mediaType = layer.gzip ? MediaType.ociLayerGzip : MediaType.ociLayer;
    layers.push({ blob, digest: sha(blob), diffId: sha(tar), mediaType });
  }
  const created = spec.created ?? '2024-01-01T00:00:00Z';
  const configJson: ImageConfig = {
    architecture: spec.architecture ?? 'amd64',
    os: 'linux',
    created,
    config: { Cmd: spec.cmd ?? ['/bin/sh'], Labels: spec.labels ?? null },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created, created_by: `layer ${i}` })),
  };
  const config = Buffer.from(JSON.stringify(configJson));
  const manifestJson: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: sha(config), size: config.length },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
  };
  const manifest = Buffer.from(JSON.stringify(manifestJson));
  const manifestDescriptor = {
    mediaType: MediaType.ociManifest,
    digest: sha(manifest),
    size: manifest.length,
  };
  return { id: sha(config), config, configJson, layers, manifest, manifestDescriptor, tags: spec.tags ?? [] };
}

/** `docker save` layout: <hex>.json configs, <hex>/layer.tar layers, manifest.json last. */
export function dockerArchiveEntries(images: readonly BuiltImage[]): TarEntry[] {
  const entries = new Map<string, TarEntry>();
  const manifest = images.map((image) => {
    const config = `${hex(image.id)}.json`;
    entries.set(config, { name: config, content: image.config });
    const layers = image.layers.map((layer) => {
      const name = `${hex(layer.diffId)}/layer.tar`;
      entries.set(name, { name, content: layer.blob });
      return name;
    });
    return { Config: config, RepoTags: image.tags.length > 0 ? image.tags : null, Layers: layers };
  });
  return [...entries.values(), { name: 'manifest.json', content: JSON.stringify(manifest) }];
}

const blobEntry = (digest: string, content: Buffer): TarEntry => ({
  name: `blobs/sha256/${hex(digest)}`,
  content,
});

/** OCI image layout; index.json names each image by `io.containerd.image.name`. */
export function ociLayoutEntries(
  images: readonly BuiltImage[],
  extraBlobs: readonly Buffer[] = [],
  top?: Descriptor[],
): TarEntry[] {
  const blobs = new Map<string, TarEntry>();
  for (const image of images) {
    for (const [digest, data] of [
      [image.manifestDescriptor.digest, image.manifest],
      [image.id, image.config],
      ...image.layers.map((l) => [l.digest, l.blob] as const),
    ] as const) {
      blobs.set(digest, blobEntry(digest, data));
    }
  }
  for (const data of extraBlobs) blobs.set(sha(data), blobEntry(sha(data), data));
  const manifests =
    top ??
    images.flatMap((image) =>
      image.tags.length === 0
        ? [image.manifestDescriptor]
        : image.tags.map((tag) => ({
            ...image.manifestDescriptor,
            annotations: { [Annotation.containerdName]: tag },
          })),
    );
  return [
    { name: 'oci-layout', content: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    ...blobs.values(),
    { name: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests }) },
  ];
}

/** A multi-platform OCI layout: one nested index over `images` (each with its architecture), tagged `tag`. */
export function ociMultiPlatformEntries(images: readonly BuiltImage[], tag: string): TarEntry[] {
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: images.map((image) => ({
        ...image.manifestDescriptor,
        platform: { os: image.configJson.os, architecture: image.configJson.architecture },
      })),
    }),
  );
  const top = [
    {
      mediaType: MediaType.ociIndex,
      digest: sha(index),
      size: index.length,
      annotations: { [Annotation.containerdName]: tag },
    },
  ];
  return ociLayoutEntries(images, [index], top);
}

export async function* chunksOf(data: Buffer, size = 16 * 1024): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}
