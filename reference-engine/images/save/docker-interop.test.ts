import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tarBuffer } from '../../../core/tar/index.js';
import { buildImage, dockerArchiveEntries } from '../testing/archive-builder.js';
import { tempStore } from '../testing/temp-store.js';

const run = promisify(execFile);
const DOCKER_HOST = 'unix:///var/run/docker.sock';
const docker = (...args: string[]) =>
  run('docker', args, { timeout: 60_000, env: { ...process.env, DOCKER_HOST }, maxBuffer: 64 * 1024 * 1024 });
const dockerUp =
  existsSync('/var/run/docker.sock') &&
  (await docker('version', '--format', '{{.Server.Version}}').then(
    () => true,
    () => false,
  ));

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// Interop with the real dockerd: the same image id both ways. The tag is unique and removed afterwards.
describe.skipIf(!dockerUp)('docker-archive interop with dockerd (needs /var/run/docker.sock)', () => {
  it('docker save loads into our store, and our save loads into dockerd, with the same image id', async () => {
    const tag = `shipshape-images-test-${randomBytes(4).toString('hex')}:1`;
    const image = await buildImage({
      tags: [tag],
      layers: [{ files: { 'etc/hello': 'hello' } }, { files: { 'etc/more': 'x'.repeat(5000) }, gzip: true }],
    });
    const dir = await mkdtemp(join(tmpdir(), 'docker-interop-'));
    try {
      await writeFile(join(dir, 'ours.tar'), await tarBuffer(dockerArchiveEntries([image])));
      await docker('load', '-i', join(dir, 'ours.tar'));
      expect((await docker('image', 'inspect', '--format', '{{.Id}}', tag)).stdout.trim()).toBe(image.id);

      await docker('save', '-o', join(dir, 'theirs.tar'), tag);
      await using t = await tempStore();
      const loaded = await t.store.load([await readFile(join(dir, 'theirs.tar'))]);
      expect(loaded.images).toEqual([{ id: image.id, tags: [tag] }]);

      await docker('rmi', tag);
      await writeFile(join(dir, 'resaved.tar'), await collect(t.store.save([tag])));
      const { stdout } = await docker('load', '-i', join(dir, 'resaved.tar'));
      expect(stdout).toContain(`Loaded image: ${tag}`);
      expect((await docker('image', 'inspect', '--format', '{{.Id}}', tag)).stdout.trim()).toBe(image.id);
    } finally {
      await docker('rmi', tag).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
