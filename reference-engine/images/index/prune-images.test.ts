import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';
import { parseTimestamp } from './image-filters.js';

async function fixture() {
  const tagged = await buildImage({
    tags: ['keep:1'],
    created: '2020-01-01T00:00:00Z',
    labels: { env: 'dev' },
    layers: [{ files: { a: 'tagged' } }],
  });
  const oldDangling = await buildImage({
    created: '2019-01-01T00:00:00Z',
    labels: { env: 'ci' },
    layers: [{ files: { a: 'old' } }],
  });
  const newDangling = await buildImage({
    created: '2023-01-01T00:00:00Z',
    layers: [{ files: { a: 'new' } }],
  });
  const used = await buildImage({ created: '2018-01-01T00:00:00Z', layers: [{ files: { a: 'used' } }] });
  return { tagged, oldDangling, newDangling, used };
}

describe('pruneImages', () => {
  it('removes only unused dangling images by default and reports reclaimed space', async () => {
    const f = await fixture();
    await using t = await tempStore({
      containersUsing: (id) => (id === f.used.id ? [{ id: 'c1', running: false }] : []),
    });
    await loadInto(t.store, [f.tagged, f.oldDangling, f.newDangling, f.used]);
    const result = await t.store.prune();
    expect(result.ImagesDeleted.map((r) => r.Deleted).sort()).toEqual(
      [f.oldDangling.id, f.newDangling.id].sort(),
    );
    const freed = [f.oldDangling, f.newDangling].reduce(
      (sum, i) => sum + i.config.length + (i.layers[0]?.blob.length ?? 0),
      0,
    );
    expect(result.SpaceReclaimed).toBeGreaterThan(freed);
    expect(
      t.store
        .list()
        .map((i) => i.Id)
        .sort(),
    ).toEqual([f.tagged.id, f.used.id].sort());
  });

  it('with dangling=false removes every unused image, tags included', async () => {
    const f = await fixture();
    await using t = await tempStore({
      containersUsing: (id) => (id === f.used.id ? [{ id: 'c1', running: true }] : []),
    });
    await loadInto(t.store, [f.tagged, f.oldDangling, f.used]);
    const result = await t.store.prune({ dangling: ['false'] });
    expect(result.ImagesDeleted).toContainEqual({ Untagged: 'keep:1' });
    expect(t.store.list().map((i) => i.Id)).toEqual([f.used.id]);
  });

  it('narrows by until and label / label!', async () => {
    const f = await fixture();
    await using t = await tempStore();
    await loadInto(t.store, [f.tagged, f.oldDangling, f.newDangling]);
    await t.store.prune({ until: ['2021-01-01T00:00:00Z'], label: ['env'] });
    expect(
      t.store
        .list()
        .map((i) => i.Id)
        .sort(),
    ).toEqual([f.tagged.id, f.newDangling.id].sort());
    await t.store.prune({ dangling: ['false'], 'label!': ['env=dev'] });
    expect(t.store.list().map((i) => i.Id)).toEqual([f.tagged.id]);
    await expect(t.store.prune({ until: ['yesterday-ish'] })).rejects.toThrow(InvalidArgument);
    await expect(t.store.prune({ reference: ['x'] })).rejects.toThrow(/invalid filter 'reference'/);
  });

  it('parses until as unix seconds, a date, or a Go duration', () => {
    expect(parseTimestamp('1700000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('2020-01-01T00:00:00Z')).toBe(Date.parse('2020-01-01T00:00:00Z'));
    expect(parseTimestamp('1h30m', 10_000_000)).toBe(10_000_000 - 5_400_000);
  });
});
