import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ImageHistoryItem } from '../../core/engines/docker-api/index.js';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { engineRef, loadArchive, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValidList } from './schemas/index.js';
import { engineStatus, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const history = { tags: ['images', 'history'], requirements: ['docker-api:ImageHistory'] };
const ref = `${uniqueRepo('history')}:v1`;
let image: FixtureImage;
let items: ImageHistoryItem[];
let name: string;

beforeAll(async () => {
  image = imageForHost(await fixtureImage('probe-config'));
  await loadArchive(ctx.client, image, [ref]);
  name = engineRef(ref, (await ctx.client.images.inspect(image.id)).RepoTags);
  items = await ctx.client.images.history(name);
});
afterAll(async () => {
  await removeImageQuietly(ctx.client, image.id);
});

describe('ImageHistory', () => {
  conformance('every item follows the HistoryResponseItem schema', history, () => {
    expectValidList('HistoryResponseItem', items);
  });

  conformance('one item per config history entry, newest first (CreatedBy)', history, () => {
    const expected = image.config.history.map((h) => h.created_by ?? '').reverse();
    expect(items.map((i) => i.CreatedBy)).toEqual(expected);
  });

  conformance('Created is the history entry time in Unix seconds', history, () => {
    const expected = image.config.history.map((h) => Date.parse(h.created) / 1000).reverse();
    expect(items.map((i) => i.Created)).toEqual(expected);
  });

  conformance('the newest item is the image itself, with its tag', history, () => {
    expect(items[0]?.Id.replace(/^sha256:/, '')).toBe(image.id.replace(/^sha256:/, ''));
    expect(items[0]?.Tags ?? []).toContain(name);
  });

  conformance('the item sizes add up to the image size', history, async () => {
    const inspect = await ctx.client.images.inspect(image.id);
    expect(items.reduce((sum, i) => sum + i.Size, 0)).toBe(inspect.Size);
  });

  conformance('by ID gives the same history', history, async () => {
    const byId = await ctx.client.images.history(image.id);
    expect(byId.map((i) => i.CreatedBy)).toEqual(items.map((i) => i.CreatedBy));
  });

  conformance('an unknown image answers 404', history, async () => {
    expect(await engineStatus(ctx.client.images.history(`${uniqueRepo('absent')}:x`))).toBe(404);
  });
});
