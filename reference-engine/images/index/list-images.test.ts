import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';

async function fixture() {
  const old = await buildImage({
    tags: ['busybox:1'],
    created: '2020-01-01T00:00:00Z',
    labels: { tier: 'base' },
    layers: [{ files: { a: 'old' } }],
  });
  const mid = await buildImage({
    tags: ['busybox:latest', 'me/app:v1'],
    created: '2021-01-01T00:00:00Z',
    labels: { tier: 'app', team: 'x' },
    layers: [{ files: { a: 'mid' } }],
  });
  const dangling = await buildImage({
    created: '2022-01-01T00:00:00Z',
    layers: [{ files: { a: 'dangling' } }, { files: { b: 'more' } }],
  });
  return { old, mid, dangling };
}

describe('listImages filters', () => {
  it('lists newest first in the ImageSummary shape', async () => {
    await using t = await tempStore();
    const { old, mid, dangling } = await fixture();
    await loadInto(t.store, [old, mid, dangling]);
    const list = t.store.list();
    expect(list.map((i) => i.Id)).toEqual([dangling.id, mid.id, old.id]);
    expect(list[1]).toEqual({
      Id: mid.id,
      ParentId: '',
      RepoTags: ['busybox:latest', 'me/app:v1'],
      RepoDigests: [],
      Created: Date.parse('2021-01-01T00:00:00Z') / 1000,
      Size: mid.layers.reduce((s, l) => s + l.blob.length, 0),
      SharedSize: -1,
      VirtualSize: mid.layers.reduce((s, l) => s + l.blob.length, 0),
      Labels: { tier: 'app', team: 'x' },
      Containers: -1,
    });
    expect(list[0]?.RepoTags).toEqual(['<none>:<none>']);
  });

  it('filters by dangling, before, since, label and reference', async () => {
    await using t = await tempStore();
    const { old, mid, dangling } = await fixture();
    await loadInto(t.store, [old, mid, dangling]);
    const ids = (filters: Record<string, string[]>) => t.store.list(filters).map((i) => i.Id);
    expect(ids({ dangling: ['true'] })).toEqual([dangling.id]);
    expect(ids({ dangling: ['false'] })).toEqual([mid.id, old.id]);
    expect(ids({ before: ['busybox:latest'] })).toEqual([old.id]);
    expect(ids({ since: ['busybox:1'] })).toEqual([dangling.id, mid.id]);
    expect(ids({ since: [old.id], before: [dangling.id] })).toEqual([mid.id]);
    expect(ids({ label: ['tier'] })).toEqual([mid.id, old.id]);
    expect(ids({ label: ['tier=base'] })).toEqual([old.id]);
    expect(ids({ label: ['tier=app', 'team=x'] })).toEqual([mid.id]);
    expect(ids({ label: ['tier=none'] })).toEqual([]);
    expect(ids({ reference: ['busy*:*'] })).toEqual([mid.id, old.id]);
    expect(ids({ reference: ['busybox:1'] })).toEqual([old.id]);
    expect(ids({ reference: ['me/*'] })).toEqual([mid.id]);
    expect(ids({ reference: ['*'] })).toEqual([mid.id, old.id]);
    expect(ids({ reference: ['nothing*'] })).toEqual([]);
  });

  it('lists only the references that match a reference filter, as dockerd does', async () => {
    await using t = await tempStore();
    const { old, mid, dangling } = await fixture();
    await loadInto(t.store, [old, mid, dangling]);
    const tags = (filters: Record<string, string[]>) => t.store.list(filters).map((i) => i.RepoTags);
    expect(tags({ reference: ['me/*'] })).toEqual([['me/app:v1']]);
    expect(tags({ reference: ['busybox'] })).toEqual([['busybox:latest'], ['busybox:1']]);
    expect(tags({ reference: ['busybox:latest', 'me/app'] })).toEqual([['busybox:latest', 'me/app:v1']]);
    expect(tags({})).toEqual([['<none>:<none>'], ['busybox:latest', 'me/app:v1'], ['busybox:1']]);
  });

  it('rejects unknown filters and bad values', async () => {
    await using t = await tempStore();
    expect(() => t.store.list({ colour: ['red'] })).toThrow(InvalidArgument);
    expect(() => t.store.list({ dangling: ['maybe'] })).toThrow(InvalidArgument);
    expect(() => t.store.list({ before: ['nope:1'] })).toThrow(/No such image/);
  });
});
