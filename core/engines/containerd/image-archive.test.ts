import { createHash } from 'node:crypto';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { dockerArchive } from './image-archive.js';

async function entries(tar: Buffer): Promise<Map<string, { type: string; data: Buffer; linkname?: string }>> {
  const out = new Map<string, { type: string; data: Buffer; linkname?: string }>();
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.set(entry.header.name, {
        type: entry.header.type ?? 'file',
        data: Buffer.concat(chunks),
        linkname: entry.header.linkname ?? undefined,
      });
    }
  })();
  ex.end(tar);
  await done;
  return out;
}

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
    const manifest = JSON.parse(files.get('manifest.json')?.data.toString() ?? '[]');
    expect(manifest[0].RepoTags).toEqual(['shipshape/t:1']);
    const config = JSON.parse(files.get(manifest[0].Config)?.data.toString() ?? '{}');
    expect(config).toMatchObject({ os: 'linux', architecture: 'amd64', config: { Cmd: ['/bin/x'] } });
    const layer = files.get(manifest[0].Layers[0])?.data ?? Buffer.alloc(0);
    expect(config.rootfs.diff_ids).toEqual([`sha256:${createHash('sha256').update(layer).digest('hex')}`]);
    const inner = await entries(layer);
    expect(inner.get('bin/x')?.data.toString()).toBe('binary');
    expect(inner.get('bin/sh')).toMatchObject({ type: 'symlink', linkname: 'x' });
  });
});
