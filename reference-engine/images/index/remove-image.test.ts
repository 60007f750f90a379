import { describe, expect, it } from 'vitest';
import { Conflict, NotFound } from '../../errors.js';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';
import type { ContainerUse } from './store-context.js';

const build = (tags: string[]) => buildImage({ tags, layers: [{ files: { f: tags.join() } }] });

describe('removeImage (docker rmi rules)', () => {
  it('by tag untags only, until the last reference goes; then deletes and frees blobs', async () => {
    await using t = await tempStore();
    const img = await build(['a:1', 'b:1']);
    await loadInto(t.store, [img]);
    expect(await t.store.remove('a:1')).toEqual([{ Untagged: 'a:1' }]);
    expect(t.store.resolve(img.id).id).toBe(img.id);
    expect(await t.store.remove('b:1')).toEqual([{ Untagged: 'b:1' }, { Deleted: img.id }]);
    expect(() => t.store.resolve(img.id)).toThrow(NotFound);
    expect((await t.snapshot()).blobs).toEqual([]);
  });

  it('by id: Conflict when tagged in several repositories, unless forced', async () => {
    await using t = await tempStore();
    const img = await build(['a:1', 'b:1']);
    await loadInto(t.store, [img]);
    const before = await t.snapshot();
    await expect(t.store.remove(img.id)).rejects.toThrow(
      /unable to delete [a-f0-9]{12} \(must be forced\) - image is referenced in multiple repositories/,
    );
    expect(await t.snapshot()).toEqual(before);
    expect(await t.store.remove(img.id.slice(7, 19), { force: true })).toEqual([
      { Untagged: 'a:1' },
      { Untagged: 'b:1' },
      { Deleted: img.id },
    ]);
  });

  it('by id: several tags of one repository are untagged and the image deleted without force', async () => {
    await using t = await tempStore();
    const img = await build(['a:1', 'a:2']);
    await loadInto(t.store, [img]);
    expect(await t.store.remove(img.id)).toEqual([
      { Untagged: 'a:1' },
      { Untagged: 'a:2' },
      { Deleted: img.id },
    ]);
  });

  it('a running container blocks removal even when forced; a stopped one unless forced', async () => {
    const uses = new Map<string, ContainerUse[]>();
    await using t = await tempStore({ containersUsing: (id) => uses.get(id) ?? [] });
    const img = await build(['a:1']);
    await loadInto(t.store, [img]);
    uses.set(img.id, [{ id: 'c'.repeat(64), running: true }]);
    await expect(t.store.remove(img.id, { force: true })).rejects.toThrow(
      /\(cannot be forced\) - image is being used by running container cccccccccccc/,
    );
    uses.set(img.id, [{ id: 'c'.repeat(64), running: false }]);
    await expect(t.store.remove(img.id)).rejects.toThrow(Conflict);
    await expect(t.store.remove(img.id)).rejects.toThrow(
      /must be forced\) - image is being used by stopped container/,
    );
    // by its last tag: refused without force (moby), so the image does not go dangling under the container
    await expect(t.store.remove('a:1')).rejects.toThrow(
      /unable to remove repository reference "a:1" \(must force\) - container cccccccccccc is using/,
    );
    // with force the tag goes and so does the image (a stopped container does not hold it then)
    expect(await t.store.remove('a:1', { force: true })).toEqual([{ Untagged: 'a:1' }, { Deleted: img.id }]);
  });

  it('removing the last tag of a repository also drops its digest references', async () => {
    await using t = await tempStore();
    const img = await build(['a:1']);
    await loadInto(t.store, [img]);
    const digest = `sha256:${'d'.repeat(64)}`;
    await t.store.index.update((draft) => {
      draft.digests[`docker.io/library/a@${digest}`] = img.id;
    });
    expect(await t.store.remove('a:1')).toEqual([
      { Untagged: 'a:1' },
      { Untagged: `a@${digest}` },
      { Deleted: img.id },
    ]);
  });

  it('NotFound for an unknown image', async () => {
    await using t = await tempStore();
    await expect(t.store.remove('nope')).rejects.toThrow(NotFound);
  });
});
