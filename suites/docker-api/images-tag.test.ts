import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { loadArchive, probeVariant, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const tag = { tags: ['images', 'tag'], requirements: ['docker-api:ImageTag'] };
const repo = uniqueRepo('tag');
let first: FixtureImage;
let second: FixtureImage;

beforeAll(async () => {
  const probe = imageForHost(await fixtureImage('probe'));
  first = await probeVariant({ labels: { 'org.shipshape.case': `${repo}-1` } }, probe);
  second = await probeVariant({ labels: { 'org.shipshape.case': `${repo}-2` } }, probe);
  await loadArchive(ctx.client, first, [`${repo}:first`]);
  await loadArchive(ctx.client, second, [`${repo}:second`]);
});
afterAll(async () => {
  await removeImageQuietly(ctx.client, first.id);
  await removeImageQuietly(ctx.client, second.id);
});

describe('ImageTag', () => {
  conformance('answers 201 and the new name resolves to the same image', tag, async () => {
    const res = await ctx.client.raw('POST', `/images/${first.id}/tag`, { query: { repo, tag: 'extra' } });
    expect(res.status).toBe(201);
    expect((await ctx.client.images.inspect(`${repo}:extra`)).Id).toBe(first.id);
  });

  conformance('without a tag the engine tags :latest', tag, async () => {
    await ctx.client.images.tag(first.id, repo);
    expect((await ctx.client.images.inspect(`${repo}:latest`)).Id).toBe(first.id);
  });

  conformance('the new tag shows in RepoTags next to the old one', tag, async () => {
    await ctx.client.images.tag(`${repo}:second`, repo, 'second-alias');
    const tags = (await ctx.client.images.inspect(second.id)).RepoTags ?? [];
    expect(tags.some((t) => t.endsWith(`${repo}:second`))).toBe(true);
    expect(tags.some((t) => t.endsWith(`${repo}:second-alias`))).toBe(true);
  });

  conformance('tagging a name another image holds moves it', tag, async () => {
    await ctx.client.images.tag(first.id, repo, 'moving');
    await ctx.client.images.tag(second.id, repo, 'moving');
    expect((await ctx.client.images.inspect(`${repo}:moving`)).Id).toBe(second.id);
    const firstTags = (await ctx.client.images.inspect(first.id)).RepoTags ?? [];
    expect(firstTags.some((t) => t.endsWith(`${repo}:moving`))).toBe(false);
  });

  conformance('an unknown source image answers 404', tag, async () => {
    expect(await engineStatus(ctx.client.images.tag(`${uniqueRepo('absent')}:x`, repo, 'never'))).toBe(404);
  });

  conformance('an invalid repository name (upper case) answers 400', tag, async () => {
    const res = await ctx.client.raw('POST', `/images/${first.id}/tag`, {
      query: { repo: 'Shipshape/UPPER', tag: 'x' },
    });
    expect(res.status).toBe(400);
    expectValid('ErrorResponse', res.json());
  });
});
