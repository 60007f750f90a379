import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pack } from 'tar-stream';

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

/** Packs entries into a tar with fixed owner and time, so equal input gives byte-equal output. */
interface TarEntry {
  name: string;
  data?: Uint8Array | string;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
  mode?: number;
}

export async function tarOf(entries: readonly TarEntry[]): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    const header = { name: e.name, mtime: MTIME, uid: 0, gid: 0, uname: '', gname: '' };
    if (e.type === 'symlink') p.entry({ ...header, type: 'symlink', linkname: e.linkname, mode: 0o777 });
    else if (e.type === 'directory') p.entry({ ...header, type: 'directory', mode: e.mode ?? 0o755 });
    else p.entry({ ...header, mode: e.mode ?? 0o644 }, Buffer.from(e.data ?? ''));
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const layerEntries = (layer: readonly LayerEntry[]) =>
  layer.map((e) => {
    const name = e.path.replace(/^\/+/, '');
    if ('symlink' in e) return { name, type: 'symlink' as const, linkname: e.symlink };
    if ('dir' in e) return { name, type: 'directory' as const };
    return { name, data: e.content, mode: e.mode };
  });

/** A one-layer image in `docker save` format (manifest.json + config + layer.tar), deterministic. */
export async function dockerArchive(image: ArchiveImage): Promise<Buffer> {
  const layer = await tarOf(layerEntries(image.layer));
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
  return tarOf([
    { name: `${layerId}/`, type: 'directory' },
    { name: `${layerId}/layer.tar`, data: layer },
    { name: configName, data: config },
    { name: 'manifest.json', data: manifest },
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
