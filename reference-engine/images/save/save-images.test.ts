import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../errors.js';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';
import type { SaveFormat } from './save-images.js';

const run = promisify(execFile);
const hasSkopeo = await run('skopeo', ['--version'], { timeout: 10_000 }).then(
  () => true,
  () => false,
);

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function fixture() {
  const a = await buildImage({
    tags: ['app:1', 'app:2', 'other:1'],
    layers: [{ files: { a: '1' } }, { files: { b: '2' }, gzip: true }],
  });
  const b = await buildImage({ tags: ['lib:1'], layers: [{ files: { a: '1' } }] });
  return { a, b };
}

describe('saveImages', () => {
  for (const format of ['docker-archive', 'oci-layout'] as SaveFormat[]) {
    it(`writes a ${format} that loads back to the same ids and tags`, async () => {
      const { a, b } = await fixture();
      await using from = await tempStore();
      await loadInto(from.store, [a, b]);
      const tar = await collect(from.store.save(['app:1', 'lib', b.id], { format }));
      await using to = await tempStore();
      const result = await to.store.load([tar]);
      expect(new Set(result.images.map((i) => i.id))).toEqual(new Set([a.id, b.id]));
      expect(to.store.index.tagsOf(a.id)).toEqual(['docker.io/library/app:1']);
      expect(to.store.index.tagsOf(b.id)).toEqual(['docker.io/library/lib:1']);
      expect((await to.store.inspect(a.id)).RootFS).toEqual((await from.store.inspect(a.id)).RootFS);
    });
  }

  it('saves a bare repository with all its tags, an id without tags', async () => {
    const { a } = await fixture();
    await using from = await tempStore();
    await loadInto(from.store, [a]);
    await using to = await tempStore();
    await to.store.load([await collect(from.store.save(['app']))]);
    expect(to.store.index.tagsOf(a.id)).toEqual(['docker.io/library/app:1', 'docker.io/library/app:2']);
    await using bare = await tempStore();
    expect((await bare.store.load([await collect(from.store.save([a.id]))])).messages).toEqual([
      `Loaded image ID: ${a.id}`,
    ]);
  });

  it('throws NotFound before streaming for an unknown image', async () => {
    await using t = await tempStore();
    expect(() => t.store.save(['nope:1'])).toThrow(NotFound);
  });

  // skopeo re-serialises the config when it converts to OCI (the id changes), so compare the layers.
  it.skipIf(!hasSkopeo)(
    'its docker-archive converts with skopeo to an OCI archive that loads with the same layers',
    async () => {
      const { a } = await fixture();
      await using from = await tempStore();
      await loadInto(from.store, [a]);
      const dir = await mkdtemp(join(tmpdir(), 'skopeo-'));
      try {
        await writeFile(join(dir, 'in.tar'), await collect(from.store.save(['app:1'])));
        await run(
          'skopeo',
          ['copy', `docker-archive:${join(dir, 'in.tar')}`, `oci-archive:${join(dir, 'out.tar')}:app:1`],
          {
            timeout: 60_000,
          },
        );
        await using to = await tempStore();
        const result = await to.store.load([await readFile(join(dir, 'out.tar'))]);
        expect(result.images.map((i) => i.tags)).toEqual([['app:1']]);
        expect((await to.store.inspect('app:1')).RootFS.Layers).toEqual(a.layers.map((l) => l.diffId));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
