import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type TarEntry, tarBuffer } from '../../tar/index.js';

/** One entry of an image layer: a file (with mode), a symlink or a directory. */
export type LayerEntry =
  | { readonly path: string; readonly content: Uint8Array | string; readonly mode?: number }
  | { readonly path: string; readonly symlink: string }
  | { readonly path: string; readonly dir: true };

export interface ArchiveImage {
  /** `name:tag` recorded in the archive's manifest (RepoTags). */
  readonly repoTag: string;
  readonly layer: readonly LayerEntry[];
  readonly cmd?: readonly string[];
  readonly env?: readonly string[];
  readonly architecture?: string;
}

const MTIME = new Date(0);
const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

const layerEntries = (layer: readonly LayerEntry[]): TarEntry[] =>
  layer.map((e) => {
    const name = e.path.replace(/^\/+/, '');
    if ('symlink' in e) return { name, type: 'symlink', linkname: e.symlink, mode: 0o777 };
    if ('dir' in e) return { name, type: 'directory' };
    return { name, content: e.content, ...(e.mode === undefined ? {} : { mode: e.mode }) };
  });

/** A one-layer image in `docker save` format (manifest.json + config + layer.tar), deterministic. */
export async function dockerArchive(image: ArchiveImage): Promise<Buffer> {
  const layer = await tarBuffer(layerEntries(image.layer));
  const layerId = sha256(layer);
  const config = JSON.stringify({
    architecture: image.architecture ?? 'amd64',
    os: 'linux',
    created: MTIME.toISOString(),
    config: { Cmd: image.cmd ?? ['sh'], Env: image.env ?? ['PATH=/bin'] },
    rootfs: { type: 'layers', diff_ids: [`sha256:${layerId}`] },
    history: [{ created: MTIME.toISOString(), created_by: 'shipshape' }],
  });
  const configName = `${sha256(config)}.json`;
  const manifest = JSON.stringify([
    { Config: configName, RepoTags: [image.repoTag], Layers: [`${layerId}/layer.tar`] },
  ]);
  return tarBuffer([
    { name: `${layerId}/`, type: 'directory' },
    { name: `${layerId}/layer.tar`, content: layer },
    { name: configName, content: config },
    { name: 'manifest.json', content: manifest },
  ]);
}

/** A docker-archive whose layer holds a static /bin/busybox and the /bin/sh link (plus extra applets). */
export async function busyboxArchive(
  repoTag: string,
  opts?: { busyboxPath?: string; applets?: readonly string[] },
) {
  const busybox = await readFile(opts?.busyboxPath ?? '/bin/busybox');
  const applets = ['sh', ...(opts?.applets ?? ['echo', 'sleep', 'cat', 'true', 'false'])];
  return dockerArchive({
    repoTag,
    cmd: ['sh'],
    layer: [
      { path: 'bin', dir: true },
      { path: 'bin/busybox', content: busybox, mode: 0o755 },
      ...applets.map((a) => ({ path: `bin/${a}`, symlink: 'busybox' })),
      { path: 'tmp', dir: true },
    ],
  });
}
