import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { removeImageQuietly } from './images-fixtures.js';
import { NO_AUTH_HEADER, pullImage, pushVariant, skipWithoutRegistry } from './registry-fixtures.js';
import { expectValid } from './schemas/index.js';
import { readInContainer, suiteContext, withConfig, withNetworkMode } from './support/index.js';

// ImageCreate with fromImage: pulling from the local registry brings back the image that was pushed.

const ctx = suiteContext();
const pull = { tags: ['images', 'pull'], requirements: ['docker-api:ImageCreate'], timeout: 90_000 };

/** Pushes a fresh image, then removes it locally so only the registry has it. */
async function onlyInRegistry(hint: string) {
  const pushed = await pushVariant(ctx, hint);
  await removeImageQuietly(ctx.client, pushed.imageId);
  expect((await ctx.client.raw('GET', `/images/${pushed.imageId}/json`)).status).toBe(404);
  return pushed;
}

describe('ImageCreate (pull from a registry)', () => {
  conformance('fromImage + tag pulls the same image ID back, with its repo digest', pull, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await onlyInRegistry('pull');
    await pullImage(ctx, pushed.repo, pushed.tag);
    const inspect = await ctx.client.images.inspect(`${pushed.repo}:${pushed.tag}`);
    expect(inspect.Id).toBe(pushed.imageId);
    expect(inspect.RepoDigests).toContain(`${pushed.repo}@${pushed.manifest.digest}`);
  });

  conformance('a pull by digest names the same image', pull, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await onlyInRegistry('bydigest');
    const byDigest = `${pushed.repo}@${pushed.manifest.digest}`;
    await pullImage(ctx, byDigest);
    expect((await ctx.client.images.inspect(byDigest)).Id).toBe(pushed.imageId);
  });

  conformance('the pulled image runs: its files are the container filesystem', pull, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await onlyInRegistry('run');
    await pullImage(ctx, pushed.repo, pushed.tag);
    const read = await readInContainer(
      ctx,
      '/etc/group',
      withConfig({ Image: `${pushed.repo}:${pushed.tag}`, Entrypoint: ['/bin/probe'] }),
      withNetworkMode('none'),
    );
    expect(read.content).toMatch(/^shipper:/m);
  });

  conformance('a tag the registry does not have answers 404 with an error body', pull, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'notag');
    const res = await ctx.client.raw('POST', '/images/create', {
      query: { fromImage: pushed.repo, tag: 'no-such-tag' },
      headers: NO_AUTH_HEADER,
    });
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });
});
