import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Platform } from '../../../spec/oci-image/types.js';
import {
  Conflict,
  Forbidden,
  InvalidArgument,
  NotFound,
  NotImplemented,
  NotModified,
  type ReferenceEngineError,
  Unavailable,
} from '../../errors.js';
import type { ByteSource } from '../content-store/content-store.js';
import type { ImageStoreContext } from '../index/store-context.js';
import type { VerifiedImage } from './build-record.js';
import type { LoadAnswer } from './load-child.js';
import { blobsOf, commitImages, type LoadOptions, type LoadResult, underLease } from './load-images.js';
import type { LoadProcess } from './load-process.js';
import { DEFAULT_PLATFORM } from './select-platform.js';

/** Errors the load process may answer with, rebuilt by name so the HTTP edge maps them as before. */
const ERRORS: Record<string, new (message: string) => ReferenceEngineError> = {
  NotFound,
  Conflict,
  InvalidArgument,
  NotModified,
  NotImplemented,
  Forbidden,
  Unavailable,
};

/**
 * `docker load` with the archive's work in a child process (`proc`, load-child.ts): it reads the
 * archive into a staging store under ROOT/ingest and verifies the images; this process then renames
 * their blobs into the store under the load's lease and commits the index, as loadImages does. A failed
 * or dead child leaves the index untouched; the staging directory is removed here, or by the next
 * ContentStore.open after a crash (it is under ROOT/ingest).
 */
export function loadInChild(
  ctx: ImageStoreContext,
  source: ByteSource,
  options: LoadOptions,
  proc: LoadProcess,
): Promise<LoadResult> {
  return underLease(ctx, async (lease) => {
    const staging = ctx.content.stagingDir();
    try {
      const images = await stageInChild(proc, staging, source, options.platform ?? DEFAULT_PLATFORM);
      for (const digest of blobsOf(images.map((i) => i.record)))
        await ctx.content.adoptFrom(staging, digest, lease);
      return await commitImages(ctx, images, options);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  });
}

/** Feeds `source` to the load process and returns its verified images, or throws what it answered. */
async function stageInChild(
  proc: LoadProcess,
  staging: string,
  source: ByteSource,
  platform: Platform,
): Promise<VerifiedImage[]> {
  const child = spawn(proc.command, [...proc.args, staging, JSON.stringify(platform)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-4000);
  });
  child.stdin.on('error', () => undefined); // EPIPE once the child stops reading: its answer says why
  const feeding = pipeline(source, child.stdin).catch(() => undefined);
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  } catch (e) {
    throw new Unavailable(`cannot start the image load process: ${(e as Error).message}`, { cause: e });
  } finally {
    child.stdin.destroy(); // a source still sending (or stalled) stops here
    await feeding;
  }
  const answer = lastJsonLine(out);
  if (answer !== undefined && 'error' in answer) {
    const Known = ERRORS[answer.error.name];
    throw Known ? new Known(answer.error.message) : new Error(answer.error.message);
  }
  if (code === 0 && answer !== undefined && Array.isArray(answer.images)) return answer.images;
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const why = err.trim().split('\n').slice(-3).join(' | ');
  throw new Error(`the image load process ${how} without an answer${why ? `: ${why}` : ''}`);
}

function lastJsonLine(out: string): LoadAnswer | undefined {
  const line = out.trim().split('\n').at(-1);
  if (!line) return undefined;
  try {
    return JSON.parse(line) as LoadAnswer;
  } catch {
    return undefined;
  }
}
