import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTar } from '../../tar/index.js';
import { dockerArchive } from './image-archive.js';

const entries = async (tar: Buffer) => new Map((await readTar(tar)).map((e) => [e.name, e]));

describe('dockerArchive', () => {
  const image = {
    repoTag: 'shipshape/t:1',
    cmd: ['/bin/x'],
    layer: [
      { path: '/bin/x', content: 'binary', mode: 0o755 },
      { path: 'bin/sh', symlink: 'x' },
    ],
  };

  it('is deterministic and self-consistent (manifest -> config -> layer diff id)', async () => {
    const a = await dockerArchive(image);
    expect((await dockerArchive(image)).equals(a)).toBe(true);
    const files = await entries(a);
    const manifest = JSON.parse(files.get('manifest.json')?.content.toString() ?? '[]');
    expect(manifest[0].RepoTags).toEqual(['shipshape/t:1']);
    const config = JSON.parse(files.get(manifest[0].Config)?.content.toString() ?? '{}');
    expect(config).toMatchObject({ os: 'linux', architecture: 'amd64', config: { Cmd: ['/bin/x'] } });
    const layer = files.get(manifest[0].Layers[0])?.content ?? Buffer.alloc(0);
    expect(config.rootfs.diff_ids).toEqual([`sha256:${createHash('sha256').update(layer).digest('hex')}`]);
    const inner = await entries(layer);
    expect(inner.get('bin/x')?.content.toString()).toBe('binary');
    expect(inner.get('bin/sh')).toMatchObject({ type: 'symlink', linkname: 'x' });
  });
});
