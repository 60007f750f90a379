import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  dockerArchiveTar,
  type FixtureImage,
  fixtureImage,
  imageForHost,
  ociLayoutTar,
} from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import {
  engineRef,
  loadArchive,
  multiImageArchive,
  probeVariant,
  removeImageQuietly,
  uniqueRepo,
} from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const load = {
  tags: ['images', 'load'],
  requirements: ['docker-api:ImageLoad'],
  needs: ['images.load' as const],
};
const made: string[] = [];
let probe: FixtureImage;

beforeAll(async () => {
  probe = imageForHost(await fixtureImage('probe'));
});
afterAll(async () => {
  for (const name of made.reverse()) await removeImageQuietly(ctx.client, name);
});

/** Loads and remembers the image for removal; returns the engine's name for `ref`. */
async function inspectLoaded(ref: string, id: string) {
  made.push(id, ref);
  const inspect = await ctx.client.images.inspect(id);
  return { inspect, name: engineRef(ref, inspect.RepoTags) };
}

describe('ImageLoad', () => {
  conformance(
    'a docker-archive loads; the stream names the ref and the ID is the config digest',
    load,
    async () => {
      const ref = `${uniqueRepo('load')}:v1`;
      const image = await probeVariant({ labels: { 'org.shipshape.case': ref } }, probe);
      const result = await loadArchive(ctx.client, image, [ref]);
      const { inspect, name } = await inspectLoaded(ref, image.id);
      expect(result.loaded).toContain(name);
      expect(inspect.Id).toBe(image.id);
      expect((await ctx.client.images.inspect(name)).Id).toBe(image.id);
    },
  );

  conformance('the loaded image keeps its layers: RootFS.Layers are the diff IDs', load, async () => {
    const ref = `${uniqueRepo('layers')}:v1`;
    const image = await probeVariant({ labels: { 'org.shipshape.case': ref } }, probe);
    await loadArchive(ctx.client, image, [ref]);
    const { inspect } = await inspectLoaded(ref, image.id);
    expect(inspect.RootFS?.Type).toBe('layers');
    expect(inspect.RootFS?.Layers).toEqual(image.layers.map((l) => l.diffId));
  });

  conformance('an untagged archive loads by ID alone', load, async () => {
    const image = await probeVariant({ labels: { 'org.shipshape.case': uniqueRepo('untagged') } }, probe);
    const result = await loadArchive(ctx.client, image, []);
    made.push(image.id);
    expect(result.loaded.some((n) => n.endsWith(image.id.slice('sha256:'.length)))).toBe(true);
    const inspect = await ctx.client.images.inspect(image.id);
    expect(inspect.RepoTags ?? []).toEqual([]);
  });

  conformance(
    'one archive with two images loads both under their tags, and the stream names both',
    load,
    async () => {
      const [refA, refB] = [`${uniqueRepo('multi')}:a`, `${uniqueRepo('multi')}:b`];
      const a = await probeVariant({ labels: { 'org.shipshape.case': refA } }, probe);
      const b = await probeVariant({ labels: { 'org.shipshape.case': refB } }, probe);
      const result = await ctx.client.images.load(
        await multiImageArchive([
          { image: a, refs: [refA] },
          { image: b, refs: [refB] },
        ]),
      );
      const loadedA = await inspectLoaded(refA, a.id);
      const loadedB = await inspectLoaded(refB, b.id);
      const text = result.messages.map((m) => m.stream ?? '').join('\n');
      expect(text).toContain(loadedA.name);
      expect(text).toContain(loadedB.name);
      expect((await ctx.client.images.inspect(loadedB.name)).Id).toBe(b.id);
    },
  );

  conformance('quiet=1 loads the same image', load, async () => {
    const ref = `${uniqueRepo('quiet')}:v1`;
    const image = await probeVariant({ labels: { 'org.shipshape.case': ref } }, probe);
    await ctx.client.images.load(await dockerArchiveTar(image, { refs: [ref] }), { quiet: true });
    const { inspect } = await inspectLoaded(ref, image.id);
    expectValid('ImageInspect', inspect);
  });

  conformance('a body that is no image archive is refused', load, async () => {
    const junk = Buffer.alloc(10_240);
    junk.write('not a tar header at all', 0);
    await expect(ctx.client.images.load(junk)).rejects.toThrow();
  });

  conformance('an OCI image layout archive loads (OCI image-spec layout)', load, async () => {
    const ref = `${uniqueRepo('oci')}:v1`;
    const image = await probeVariant({ labels: { 'org.shipshape.case': ref } }, probe);
    made.push(image.id);
    const result = await ctx.client.images.load(await ociLayoutTar(image, { ref }));
    const inspect = await ctx.client.images.inspect(image.id);
    expect(inspect.Id).toBe(image.id);
    expect(result.loaded.length).toBeGreaterThan(0);
    for (const tag of inspect.RepoTags ?? []) made.push(tag);
  });
});
