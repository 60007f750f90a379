import type { TestContext } from 'vitest';
import { registryAuthHeader } from '../../core/engines/docker-api/image-transfer.js';
import {
  collectProgress,
  type ProgressMessage,
  progressMessages,
} from '../../core/engines/docker-api/index.js';
import { type Manifest, RegistryClient } from '../../core/engines/registry/index.js';
import { EngineError } from '../../core/errors.js';
import type { FixtureImage } from '../../fixtures/images/index.js';
import { loadArchive, probeVariant, removeImageQuietly } from './images-fixtures.js';
import type { SuiteContext } from './support/index.js';

// The local registry (127.0.0.1:5000, no auth; dockerd treats 127.0.0.0/8 as insecure) for push/pull tests.

export const LOCAL_REGISTRY = '127.0.0.1:5000';

let reachable: Promise<boolean> | undefined;

/** Whether the registry answers `GET /v2/` (asked once per file). */
export function localRegistryUp(): Promise<boolean> {
  reachable ??= fetch(`http://${LOCAL_REGISTRY}/v2/`, { signal: AbortSignal.timeout(3_000) }).then(
    (res) => res.status === 200 || res.status === 401,
    () => false,
  );
  return reachable;
}

/** Skips the running test when the local registry is absent. */
export async function skipWithoutRegistry(t: TestContext): Promise<void> {
  if (!(await localRegistryUp())) t.skip(`no registry at http://${LOCAL_REGISTRY}`);
}

/**
 * `X-Registry-Auth` for no credentials as Docker clients send it: base64url *with* padding (Go's
 * base64.URLEncoding). Podman 4.3 refuses the unpadded form; dockerd takes both.
 */
export const NO_AUTH_HEADER = registryAuthHeader();

/** A push or pull through the engine: its progress messages; an error message raises EngineError. */
export async function transfer(
  ctx: SuiteContext,
  path: string,
  query: Readonly<Record<string, string>>,
): Promise<ProgressMessage[]> {
  const res = await ctx.client.rawStream('POST', path, { query, headers: NO_AUTH_HEADER, timeoutMs: 60_000 });
  if (res.status >= 300) {
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    throw new EngineError(res.status, Buffer.concat(chunks).toString('utf8'), `POST ${path}`);
  }
  return collectProgress(progressMessages(res.body, `POST ${path}`, res.status));
}

/** POST /images/{repo}/push?tag= */
export const pushImage = (ctx: SuiteContext, repo: string, tag: string): Promise<ProgressMessage[]> =>
  transfer(ctx, `/images/${repo}/push`, { tag });

/** POST /images/create?fromImage=&tag= (tag omitted for a digest reference). */
export const pullImage = (ctx: SuiteContext, fromImage: string, tag?: string): Promise<ProgressMessage[]> =>
  transfer(ctx, '/images/create', tag === undefined ? { fromImage } : { fromImage, tag });

/** An image pushed to the local registry by a test. */
export interface PushedImage {
  /** `127.0.0.1:5000/shipshape-docker-api/<run>-<hint>` */
  readonly repo: string;
  /** The repository name inside the registry (without the host). */
  readonly name: string;
  readonly tag: string;
  /** The image ID (config digest). */
  readonly imageId: string;
  /** The manifest as the registry serves it for the tag. */
  readonly manifest: Manifest;
}

/**
 * Loads a probe variant with a unique ID, tags it `<repo>:<tag>` and pushes it through the engine. After
 * the test the manifest is deleted from the registry and the local image removed.
 */
export async function pushVariant(ctx: SuiteContext, hint: string, tag = 'v1'): Promise<PushedImage> {
  const name = `shipshape-docker-api/${ctx.runId}-${hint}`;
  const repo = `${LOCAL_REGISTRY}/${name}`;
  const variant: FixtureImage = await probeVariant({
    labels: { 'io.shipshape.push': `${ctx.runId}-${hint}` },
  });
  await loadArchive(ctx.client, variant, [`${repo}:${tag}`]);
  ctx.defer(() => removeImageQuietly(ctx.client, variant.id));
  const registry = new RegistryClient(`http://${LOCAL_REGISTRY}`);
  ctx.defer(async () => {
    const digest = await registry.manifests.head(name, tag).then(
      (m) => m.digest,
      () => undefined,
    );
    if (digest !== undefined) await registry.manifests.delete(name, digest);
    await registry.close();
  });
  await pushImage(ctx, repo, tag);
  const manifest = await registry.manifests.get(name, tag);
  return { repo, name, tag, imageId: variant.id, manifest };
}
