import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tarBuffer } from '../../../tar/index.js';

/** The static busybox Debian ships; tests that build images skip when it is missing. */
export const BUSYBOX = '/bin/busybox';

/** A root filesystem with /bin/busybox and /bin/sh -> busybox (plus /tmp), as a tar. */
export async function busyboxRootfsTar(): Promise<Buffer> {
  return tarBuffer([
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', content: await readFile(BUSYBOX), mode: 0o755 },
    { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    { name: 'tmp/', type: 'directory', mode: 0o1777 },
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
  const tar = await tarBuffer([
    { name: `${configHex}.json`, content: config },
    { name: `${layerDir}/`, type: 'directory' },
    { name: `${layerDir}/layer.tar`, content: layer },
    { name: 'manifest.json', content: JSON.stringify(manifest) },
  ]);
  return { tar, imageId: `sha256:${configHex}` };
}
