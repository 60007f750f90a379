import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './client.js';
import { pushImage } from './push-image.js';
import { PushedContent, REGISTRY_URL, registryAnswers, uniqueRepo } from './real-registry.js';
import { buildTestImage } from './test-image.js';

const available = await registryAnswers();
const client = new RegistryClient(REGISTRY_URL);
const pushed = new PushedContent(client);
const name = uniqueRepo('tags');
const TAGS = ['b', 'a', 'e', 'c', 'd'];
const sorted = [...TAGS].sort();

beforeAll(async () => {
  if (!available) return;
  const image = buildTestImage({ layers: ['tagged\n'] });
  for (const digest of image.blobs.keys()) pushed.blob(name, digest);
  pushed.manifest(name, image.digest);
  for (const tag of TAGS) await pushImage(client, name, image, { tag });
});

afterAll(async () => {
  if (available) expect(await pushed.clean()).toEqual([]);
  await client.close();
});

describe.skipIf(!available)(`tag listing on the real registry at ${REGISTRY_URL}`, () => {
  it('lists every tag of the repository', async () => {
    const page = await client.tags.list(name);
    expect(page.name).toBe(name);
    expect([...page.tags].sort()).toEqual(sorted);
    expect(page.next).toBeUndefined();
  });

  it('2.8 ignores n and last: every answer is the full list, with no Link header', async () => {
    // Spec (Listing Tags): n=2 MUST give 2 tags, last=b MUST start after b, n=0 MUST be empty.
    for (const query of [{ n: 2 }, { n: 2, last: 'b' }, { n: 0 }, { last: 'c' }]) {
      const page = await client.tags.list(name, query);
      expect({ query, tags: [...page.tags].sort(), next: page.next }).toEqual({
        query,
        tags: sorted,
        next: undefined,
      });
    }
  });

  it('listAll copes with a registry that ignores n, returning each tag once', async () => {
    const all = await client.tags.listAll(name, { pageSize: 2, maxPages: 5 });
    expect({ tags: [...all.tags].sort(), pages: all.pages }).toEqual({ tags: sorted, pages: 1 });
  });

  it('answers NAME_UNKNOWN for a repository that does not exist', async () => {
    const err = await client.tags.list(uniqueRepo('nothing-here')).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, codes: ['NAME_UNKNOWN'] });
  });
});
