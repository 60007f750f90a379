import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import { LOCAL_REGISTRY, pushImage, pushVariant, skipWithoutRegistry } from './registry-fixtures.js';
import { suiteContext } from './support/index.js';

// ImagePush to the local registry: what arrives there is the image the engine holds.

const ctx = suiteContext({ probe: false });
const push = { tags: ['images', 'push'], requirements: ['docker-api:ImagePush'], timeout: 90_000 };

describe('ImagePush', () => {
  conformance('the registry then serves a manifest whose config is the image', push, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'push');
    const manifest = pushed.manifest.json as { config?: { digest?: string }; layers?: unknown[] };
    expect(manifest.config?.digest).toBe(pushed.imageId);
    const layers = (await ctx.client.images.inspect(pushed.imageId)).RootFS?.Layers ?? [];
    expect(manifest.layers).toHaveLength(layers.length);
  });

  conformance('the progress stream ends with the tag and the manifest digest', push, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'aux');
    const messages = await pushImage(ctx, pushed.repo, pushed.tag);
    const aux = messages.map((m) => m.aux).find((a) => a?.Digest !== undefined);
    expect(aux).toMatchObject({ Tag: pushed.tag, Digest: pushed.manifest.digest });
  });

  conformance('after a push the image lists the repo digest', push, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'digests');
    const inspect = await ctx.client.images.inspect(pushed.imageId);
    expect(inspect.RepoDigests).toContain(`${pushed.repo}@${pushed.manifest.digest}`);
  });

  conformance('pushing a name no local image has fails with an error naming it', push, async (t) => {
    await skipWithoutRegistry(t);
    const repo = `${LOCAL_REGISTRY}/shipshape-docker-api/${ctx.runId}-absent`;
    const error = await pushImage(ctx, repo, 'v1').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).engineMessage).toContain(`${ctx.runId}-absent`);
  });
});
