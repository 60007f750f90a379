import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pack } from 'tar-stream';

/** The static busybox Debian ships; tests that build images skip when it is missing. */
export const BUSYBOX = '/bin/busybox';

async function tarOf(
  entries: { name: string; body?: Buffer; mode?: number; linkname?: string }[],
): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => archive.on('end', resolve).on('error', reject));
  for (const entry of entries) {
    const mtime = new Date(0);
    if (entry.linkname !== undefined) {
      archive.entry({ name: entry.name, type: 'symlink', linkname: entry.linkname, mtime });
    } else if (entry.body === undefined) {
      archive.entry({ name: entry.name, type: 'directory', mode: entry.mode ?? 0o755, mtime });
    } else {
      archive.entry({ name: entry.name, mode: entry.mode ?? 0o644, mtime }, entry.body);
    }
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A root filesystem with /bin/busybox and /bin/sh -> busybox (plus /tmp), as a tar. */
export async function busyboxRootfsTar(): Promise<Buffer> {
  return tarOf([
    { name: 'bin/', mode: 0o755 },
    { name: 'bin/busybox', body: await readFile(BUSYBOX), mode: 0o755 },
    { name: 'bin/sh', linkname: 'busybox' },
    { name: 'tmp/', mode: 0o1777 },
  ]);
}

/** A docker-archive (what `docker save` writes) holding one image `repoTag` built from the busybox rootfs. */
export async function busyboxDockerArchive(repoTag: string): Promise<{ tar: Buffer; imageId: string }> {
  const layer = await busyboxRootfsTar();
  const diffId = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
  const config = Buffer.from(
    JSON.stringify({
      architecture: process.arch === 'arm64' ? 'arm64' : 'amd64',
      os: 'linux',
      created: '1970-01-01T00:00:00Z',
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'] },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: '1970-01-01T00:00:00Z', created_by: 'shipshape test fixture' }],
    }),
  );
  const configHex = createHash('sha256').update(config).digest('hex');
  const layerDir = diffId.slice('sha256:'.length);
  const manifest = [{ Config: `${configHex}.json`, RepoTags: [repoTag], Layers: [`${layerDir}/layer.tar`] }];
  const tar = await tarOf([
    { name: `${configHex}.json`, body: config },
    { name: `${layerDir}/`, mode: 0o755 },
    { name: `${layerDir}/layer.tar`, body: layer },
    { name: 'manifest.json', body: Buffer.from(JSON.stringify(manifest)) },
  ]);
  return { tar, imageId: `sha256:${configHex}` };
}
