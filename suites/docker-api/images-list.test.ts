import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Filters } from '../../core/engines/docker-api/index.js';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { loadArchive, probeVariant, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import { RUN_LABEL, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const list = { tags: ['images', 'list'], requirements: ['docker-api:ImageList'] };
const repo = uniqueRepo('list');
const images: Record<'a' | 'b' | 'c' | 'd' | 'e', FixtureImage> = {} as never;
const CREATED = {
  a: '2024-01-01T00:00:00Z',
  b: '2024-06-01T00:00:00Z',
  c: '2025-01-01T00:00:00Z',
  d: '2024-02-01T00:00:00Z',
  e: '2024-03-01T00:00:00Z',
};

beforeAll(async () => {
  const probe = imageForHost(await fixtureImage('probe'));
  for (const key of ['a', 'b', 'c', 'd', 'e'] as const) {
    images[key] = await probeVariant(
      { created: CREATED[key], labels: { [RUN_LABEL]: ctx.runId, 'org.shipshape.kind': key } },
      probe,
    );
  }
  for (const key of ['a', 'b', 'c'] as const) await loadArchive(ctx.client, images[key], [`${repo}:${key}`]);
  // d is tagged first, then e takes its tag: d is left dangling.
  await loadArchive(ctx.client, images.d, [`${repo}:d`]);
  await loadArchive(ctx.client, images.e, [`${repo}:d`]);
});
afterAll(async () => {
  for (const image of Object.values(images)) await removeImageQuietly(ctx.client, image.id);
});

/** Which of our images (by key) the list with these filters holds. */
async function ours(filters: Filters): Promise<string[]> {
  const found = await ctx.client.images.list({
    filters: { label: [`${RUN_LABEL}=${ctx.runId}`], ...filters },
  });
  return Object.entries(images)
    .filter(([, image]) => found.some((s) => s.Id === image.id))
    .map(([key]) => key)
    .sort();
}

describe('ImageList', () => {
  conformance('each of our items follows the ImageSummary schema and echoes the config', list, async () => {
    const found = await ctx.client.images.list({ filters: { label: [`${RUN_LABEL}=${ctx.runId}`] } });
    for (const [key, image] of Object.entries(images)) {
      const item = found.find((s) => s.Id === image.id);
      expect(item, `image ${key} listed`).toBeDefined();
      expectValid('ImageSummary', item);
      expect(item?.Labels?.['org.shipshape.kind']).toBe(key);
      expect(item?.Created).toBe(Date.parse(CREATED[key as 'a']) / 1000);
      expect(item?.Size).toBeGreaterThan(0);
    }
  });

  conformance('RepoTags of a tagged item hold its tag; the dangling one has none', list, async () => {
    const found = await ctx.client.images.list({ filters: { label: [`${RUN_LABEL}=${ctx.runId}`] } });
    const tags = (key: 'a' | 'd') =>
      (found.find((s) => s.Id === images[key].id)?.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    expect(tags('a').some((t) => t.endsWith(`${repo}:a`))).toBe(true);
    expect(tags('d')).toEqual([]);
  });

  conformance('label=KEY matches every image carrying the label', list, async () => {
    expect(await ours({})).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  conformance('label=KEY=VALUE matches only that value', list, async () => {
    expect(await ours({ label: [`${RUN_LABEL}=${ctx.runId}`, 'org.shipshape.kind=b'] })).toEqual(['b']);
  });

  conformance('reference=REPO matches every tag of the repository', list, async () => {
    expect(await ours({ reference: [repo] })).toEqual(['a', 'b', 'c', 'e']);
  });

  conformance('reference=REPO:TAG matches one image', list, async () => {
    expect(await ours({ reference: [`${repo}:c`] })).toEqual(['c']);
  });

  conformance('reference accepts a glob on the tag', list, async () => {
    expect(await ours({ reference: [`${repo}:[ab]`] })).toEqual(['a', 'b']);
  });

  conformance('dangling=true lists only the untagged image', list, async () => {
    expect(await ours({ dangling: ['true'] })).toEqual(['d']);
  });

  conformance('dangling=false lists only tagged images', list, async () => {
    expect(await ours({ dangling: ['false'] })).toEqual(['a', 'b', 'c', 'e']);
  });

  conformance('before=REF lists images created before that one', list, async () => {
    expect(await ours({ before: [`${repo}:b`] })).toEqual(['a', 'd', 'e']);
  });

  conformance('since=REF lists images created after that one', list, async () => {
    expect(await ours({ since: [`${repo}:b`] })).toEqual(['c']);
  });

  conformance('an unknown filter key is refused with 400', list, async () => {
    const res = await ctx.client.raw('GET', '/images/json', {
      query: { filters: JSON.stringify({ 'no-such-filter': ['x'] }) },
    });
    expect(res.status).toBe(400);
    expectValid('ErrorResponse', res.json());
  });
});
