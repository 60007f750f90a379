import { beforeAll, describe, expect } from 'vitest';
import type { ImageDeleteResponseItem } from '../../core/engines/docker-api/index.js';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { loadArchive, probeVariant, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValid, expectValidList } from './schemas/index.js';
import { engineStatus, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const remove = { tags: ['images', 'remove'], requirements: ['docker-api:ImageDelete'] };
let probe: FixtureImage;

beforeAll(async () => {
  probe = imageForHost(await fixtureImage('probe'));
});

/** A fresh image of our own tagged with each of `refs`, removed after the test whatever happens. */
async function freshImage(...refs: string[]): Promise<FixtureImage> {
  const image = await probeVariant({ labels: { 'org.shipshape.case': uniqueRepo('rm') } }, probe);
  await loadArchive(ctx.client, image, refs.slice(0, 1));
  for (const ref of refs.slice(1)) {
    const [repo, tag] = ref.split(':') as [string, string];
    await ctx.client.images.tag(image.id, repo, tag);
  }
  ctx.defer(() => removeImageQuietly(ctx.client, image.id));
  return image;
}

const hex = (id: string) => id.replace(/^sha256:/, '');
const deleted = (items: readonly ImageDeleteResponseItem[]) =>
  items.flatMap((i) => (i.Deleted ? [hex(i.Deleted)] : []));
const untagged = (items: readonly ImageDeleteResponseItem[]) =>
  items.flatMap((i) => (i.Untagged ? [i.Untagged] : []));

/** A container of ours using `image` (created, not started; no network). */
async function containerUsing(image: string, cmd = ['exit', '0']): Promise<string> {
  const name = ctx.uniqueName('img-user');
  ctx.track(name);
  const config = {
    Image: image,
    Cmd: cmd,
    Labels: { ...ctx.runLabels },
    HostConfig: { NetworkMode: 'none' },
  };
  const { Id } = await ctx.client.containers.create(name, config);
  return Id;
}

describe('ImageDelete', () => {
  conformance('removing one of two tags only untags; the image stays', remove, async () => {
    const repo = uniqueRepo('rm');
    const image = await freshImage(`${repo}:one`, `${repo}:two`);
    const items = await ctx.client.images.remove(`${repo}:one`);
    expectValidList('ImageDeleteResponseItem', items);
    expect(untagged(items).some((t) => t.endsWith(`${repo}:one`))).toBe(true);
    expect(deleted(items)).toEqual([]);
    expect((await ctx.client.images.inspect(`${repo}:two`)).Id).toBe(image.id);
  });

  conformance('removing the last tag untags and deletes the image', remove, async () => {
    const repo = uniqueRepo('rm');
    const image = await freshImage(`${repo}:only`);
    const items = await ctx.client.images.remove(`${repo}:only`);
    expectValidList('ImageDeleteResponseItem', items);
    expect(untagged(items).some((t) => t.endsWith(`${repo}:only`))).toBe(true);
    expect(deleted(items)).toContain(hex(image.id));
    expect(await engineStatus(ctx.client.images.inspect(image.id))).toBe(404);
  });

  conformance('by ID when tags are in several repositories: 409 without force', remove, async () => {
    const image = await freshImage(`${uniqueRepo('rm')}:x`, `${uniqueRepo('rm')}:y`);
    const res = await ctx.client.raw('DELETE', `/images/${image.id}`);
    expect(res.status).toBe(409);
    expectValid('ErrorResponse', res.json());
    expect((await ctx.client.images.inspect(image.id)).Id).toBe(image.id);
  });

  conformance('by ID with force untags every repository and deletes', remove, async () => {
    const [r1, r2] = [`${uniqueRepo('rm')}:x`, `${uniqueRepo('rm')}:y`];
    const image = await freshImage(r1, r2);
    const items = await ctx.client.images.remove(image.id, { force: true });
    expectValidList('ImageDeleteResponseItem', items);
    expect(untagged(items).filter((t) => t.endsWith(r1) || t.endsWith(r2))).toHaveLength(2);
    expect(deleted(items)).toContain(hex(image.id));
  });

  conformance('an image a stopped container uses: 409 by ID without force', remove, async () => {
    const ref = `${uniqueRepo('rm')}:used`;
    const image = await freshImage(ref);
    await containerUsing(ref);
    expect(await engineStatus(ctx.client.images.remove(image.id))).toBe(409);
    expect(await engineStatus(ctx.client.images.remove(ref))).toBe(409);
    expect((await ctx.client.images.inspect(image.id)).Id).toBe(image.id);
  });

  conformance('force deletes an image only a stopped container uses', remove, async () => {
    const ref = `${uniqueRepo('rm')}:used`;
    const image = await freshImage(ref);
    const container = await containerUsing(ref);
    const items = await ctx.client.images.remove(image.id, { force: true });
    expect(deleted(items)).toContain(hex(image.id));
    expect((await ctx.client.containers.inspect(container)).Image).toBe(image.id);
  });

  conformance('a running container: 409 by ID even with force', remove, async () => {
    const ref = `${uniqueRepo('rm')}:running`;
    const image = await freshImage(ref);
    await ctx.client.containers.start(await containerUsing(ref, ['sleep', '60']));
    expect(await engineStatus(ctx.client.images.remove(image.id, { force: true }))).toBe(409);
    expect((await ctx.client.images.inspect(image.id)).Id).toBe(image.id);
  });

  conformance('a running container: force by tag untags but keeps the image', remove, async () => {
    const ref = `${uniqueRepo('rm')}:running`;
    const image = await freshImage(ref);
    await ctx.client.containers.start(await containerUsing(ref, ['sleep', '60']));
    const items = await ctx.client.images.remove(ref, { force: true });
    expectValidList('ImageDeleteResponseItem', items);
    expect(untagged(items).some((t) => t.endsWith(ref))).toBe(true);
    expect(deleted(items)).not.toContain(hex(image.id));
    expect((await ctx.client.images.inspect(image.id)).Id).toBe(image.id);
  });

  conformance('an unknown image answers 404 with an ErrorResponse', remove, async () => {
    const res = await ctx.client.raw('DELETE', `/images/${uniqueRepo('absent')}:x`);
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });
});
