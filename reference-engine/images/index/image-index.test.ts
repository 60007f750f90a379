import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgument, NotFound } from '../../errors.js';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';
import { ImageIndex } from './image-index.js';

const image = (tag: string | undefined, content: string) =>
  buildImage({ ...(tag && { tags: [tag] }), layers: [{ files: { f: content } }] });

describe('ImageIndex lookup', () => {
  it('finds images by id, id prefix, name[:tag] (normalised) and name@digest', async () => {
    await using t = await tempStore();
    const img = await image('busybox:latest', 'a');
    await loadInto(t.store, [img]);
    const hex = img.id.slice(7);
    for (const ref of [
      img.id,
      hex,
      hex.slice(0, 12),
      `sha256:${hex.slice(0, 5)}`,
      'busybox',
      'busybox:latest',
      'docker.io/library/busybox',
    ]) {
      expect(t.store.resolve(ref).id, ref).toBe(img.id);
    }
    const digest = `sha256:${'d'.repeat(64)}`;
    await t.store.index.update((draft) => {
      draft.digests[`docker.io/library/busybox@${digest}`] = img.id;
    });
    expect(t.store.resolve(`busybox@${digest}`).id).toBe(img.id);
    expect(() => t.store.resolve('busybox:2')).toThrow(NotFound);
    expect(() => t.store.resolve(`busybox@sha256:${'e'.repeat(64)}`)).toThrow(NotFound);
    expect(() => t.store.resolve(`sha256:${'0'.repeat(64)}`)).toThrow(NotFound);
    // not a reference at all: a bad request, as dockerd answers, not an image that is missing
    for (const bad of ['Busybox', 'busybox:', 'a..b', 'busybox@sha256:12'])
      expect(() => t.store.resolve(bad), bad).toThrow(InvalidArgument);
  });

  it('refuses an ambiguous id prefix', async () => {
    await using t = await tempStore();
    const images = await Promise.all(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18'].map(
        (c) => image(undefined, c),
      ),
    );
    await loadInto(t.store, images);
    const first = images.map((i) => i.id.slice(7, 8));
    const shared = first.find((c, i) => first.indexOf(c) !== i);
    expect(shared).toBeDefined();
    expect(() => t.store.resolve(shared ?? '')).toThrow(InvalidArgument);
  });

  it('tags and untags; moving a tag leaves the old image dangling', async () => {
    await using t = await tempStore();
    const a = await image('app:1', 'a');
    const b = await image(undefined, 'b');
    await loadInto(t.store, [a, b]);
    await t.store.tag('app:1', 'app:stable');
    expect(t.store.index.tagsOf(a.id)).toEqual(['docker.io/library/app:1', 'docker.io/library/app:stable']);
    await t.store.tag(b.id, 'app:1');
    expect(t.store.resolve('app:1').id).toBe(b.id);
    expect((await t.store.inspect(b.id)).Metadata.LastTagTime).not.toBe('0001-01-01T00:00:00Z');
    await t.store.untag('app:stable');
    expect(t.store.list({ dangling: ['true'] }).map((i) => i.Id)).toEqual([a.id]);
    await expect(t.store.untag('app:stable')).rejects.toThrow(NotFound);
    await expect(t.store.tag('nope', 'x:1')).rejects.toThrow(NotFound);
    await expect(t.store.tag(b.id, 'Bad:1')).rejects.toThrow(InvalidArgument);
  });

  it('persists atomically and reopens to the same state, removing stale temp files', async () => {
    await using t = await tempStore();
    await loadInto(t.store, [await image('app:1', 'a')]);
    await writeFile(join(t.root, '.tmp-images.json-deadbeef'), '{"half":');
    const reopened = await ImageIndex.open(join(t.root, 'images.json'));
    expect(reopened.resolve('app:1').id).toBe(t.store.resolve('app:1').id);
    expect((await readdir(t.root)).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });
});
