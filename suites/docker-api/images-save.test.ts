import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readTar } from '../../core/tar/index.js';
import { sha256Digest } from '../../fixtures/images/blob.js';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import {
  loadArchive,
  probeVariant,
  readSavedArchive,
  removeImageQuietly,
  uniqueRepo,
} from './images-fixtures.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const saveOne = {
  tags: ['images', 'save'],
  requirements: ['docker-api:ImageGet'],
  needs: ['images.save' as const],
};
const saveMany = {
  tags: ['images', 'save'],
  requirements: ['docker-api:ImageGetAll'],
  needs: ['images.save' as const],
};
const [refA, refB] = [`${uniqueRepo('save')}:a`, `${uniqueRepo('save')}:b`];
let a: FixtureImage;
let b: FixtureImage;

beforeAll(async () => {
  const probe = imageForHost(await fixtureImage('probe'));
  a = await probeVariant({ labels: { 'org.shipshape.case': refA } }, probe);
  b = await probeVariant({ labels: { 'org.shipshape.case': refB } }, probe);
  await loadArchive(ctx.client, a, [refA]);
  await loadArchive(ctx.client, b, [refB]);
});
afterAll(async () => {
  await removeImageQuietly(ctx.client, a.id);
  await removeImageQuietly(ctx.client, b.id);
});

const save = async (...names: string[]) => readSavedArchive(await ctx.client.images.save(names));
const hex = (id: string) => id.replace(/^sha256:/, '');

describe('ImageGet / ImageGetAll', () => {
  conformance(
    'GET /images/{name}/get gives a tar whose manifest.json lists the image and its tag',
    saveOne,
    async () => {
      const res = await ctx.client.rawStream('GET', `/images/${refA}/get`);
      expect(res.status).toBe(200);
      const { archive } = await readSavedArchive(res.body);
      expect(archive.manifest).toHaveLength(1);
      expect(archive.manifest[0]?.RepoTags?.some((t) => t.endsWith(refA))).toBe(true);
    },
  );

  conformance('the saved config file is the image config (its digest is the image ID)', saveOne, async () => {
    const { bytes, archive } = await save(refA);
    const config = (await readTar(bytes)).find((m) => m.name === archive.manifest[0]?.Config);
    expect(config?.content).toBeDefined();
    expect(sha256Digest(config?.content ?? new Uint8Array())).toBe(a.id);
  });

  conformance('every layer the manifest names is in the tar, one per diff ID', saveOne, async () => {
    const { archive } = await save(refA);
    const layers = archive.manifest[0]?.Layers ?? [];
    expect(layers).toHaveLength(a.layers.length);
    for (const layer of layers) expect(archive.names).toContain(layer);
  });

  conformance('GET /images/get?names=A&names=B lists both images', saveMany, async () => {
    const { archive } = await save(refA, refB);
    const configs = archive.manifest.map((m) =>
      m.Config.replace(/^blobs\/sha256\//, '').replace(/\.json$/, ''),
    );
    expect(configs.sort()).toEqual([hex(a.id), hex(b.id)].sort());
  });

  conformance('a saved archive of two images reloads to the same IDs and tags', saveMany, async () => {
    const { bytes } = await save(refA, refB);
    await removeImageQuietly(ctx.client, a.id);
    await removeImageQuietly(ctx.client, b.id);
    await ctx.client.images.load(bytes);
    expect((await ctx.client.images.inspect(refA)).Id).toBe(a.id);
    expect((await ctx.client.images.inspect(refB)).Id).toBe(b.id);
  });
});
