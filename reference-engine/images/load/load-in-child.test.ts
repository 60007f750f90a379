import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarBuffer } from '../../../core/tar/index.js';
import { waitFor } from '../../../core/wait-for.js';
import { httpStatusOf, ReferenceEngineError, Unavailable } from '../../errors.js';
import { processesMentioning } from '../../runtime/testing/leftovers.js';
import { buildImage, chunksOf, dockerArchiveEntries } from '../testing/archive-builder.js';
import { compiledLoadProcess } from '../testing/compile-for-child.js';
import { tempStore } from '../testing/temp-store.js';
import { loadInChild } from './load-in-child.js';
import type { LoadProcess } from './load-process.js';

// The load process's failure modes, as the daemon sees them: whatever happens to the child, the load
// fails with {message} and a status, the index and blobs stay as they were, and its staging store goes.

let compiled = '';
let real: LoadProcess;
beforeAll(async () => {
  compiled = await mkdtemp(join(tmpdir(), 'load-child-'));
  real = await compiledLoadProcess(compiled);
}, 60_000);
afterAll(() => rm(compiled, { recursive: true, force: true }));

/** A load process that is `node -e CODE` (the staging dir and platform come after, unread). */
const nodeRunning = (code: string): LoadProcess => ({ command: process.execPath, args: ['-e', code] });

/** A store holding one image loaded through the real load process, and a second archive to load. */
async function storeWithAnImage() {
  const t = await tempStore();
  const keep = await buildImage({ tags: ['keep:1'], layers: [{ files: { 'bin/sh': 'shell' } }] });
  await loadInChild(t.store, chunksOf(await tarBuffer(dockerArchiveEntries([keep]))), {}, real);
  const image = await buildImage({
    tags: ['next:1'],
    layers: [{ files: { a: 'x'.repeat(100_000) } }, { files: { b: 'y' }, gzip: true }],
  });
  const archive = await tarBuffer(dockerArchiveEntries([image]));
  return { t, archive, before: await t.snapshot() };
}

describe('a load in a load process that fails', () => {
  it('killed by a signal: a 500 naming it; the store as it was, no staging left', async () => {
    const { t, archive, before } = await storeWithAnImage();
    await using _ = t;
    const err = await failure(
      loadInChild(t.store, chunksOf(archive), {}, nodeRunning('process.kill(process.pid, "SIGKILL")')),
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ReferenceEngineError);
    expect(httpStatusOf(err)).toBe(500);
    expect(err.message).toMatch(/the image load process was killed by SIGKILL without an answer/);
    expect(await t.snapshot()).toEqual(before);
  });

  it('exits without an answer: a 500 with the last lines it wrote on stderr', async () => {
    const { t, archive, before } = await storeWithAnImage();
    await using _ = t;
    const err = await failure(
      loadInChild(
        t.store,
        chunksOf(archive),
        {},
        nodeRunning('console.error("out of luck"); process.exit(3)'),
      ),
    );
    expect(httpStatusOf(err)).toBe(500);
    expect(err.message).toBe('the image load process exited with code 3 without an answer: out of luck');
    expect(await t.snapshot()).toEqual(before);
  });

  it('cannot be started: Unavailable (503)', async () => {
    const { t, archive, before } = await storeWithAnImage();
    await using _ = t;
    const missing = { command: join(compiled, 'no-such-node'), args: [] };
    const err = await failure(loadInChild(t.store, chunksOf(archive), {}, missing));
    expect(err).toBeInstanceOf(Unavailable);
    expect(httpStatusOf(err)).toBe(503);
    expect(await t.snapshot()).toEqual(before);
  });

  it('killed mid-archive after it staged blobs: nothing of them is adopted, its staging store goes', async () => {
    const { t, archive, before } = await storeWithAnImage();
    await using _ = t;
    const ingest = join(t.root, 'ingest');
    let killed = false;
    /** Half the archive (the first layer whole), then the rest once the test has killed the child. */
    async function* halfThenKill() {
      const half = archive.length >> 1;
      yield* chunksOf(archive.subarray(0, half));
      const staged = await waitFor(
        async () => {
          for (const stage of await readdir(ingest)) {
            const blobs = await readdir(join(ingest, stage, 'blobs', 'sha256')).catch(() => []);
            if (blobs.length > 0) return stage;
          }
          return undefined;
        },
        { timeoutMs: 20_000, intervalMs: 20, describe: 'a blob in the staging store' },
      );
      const [pid] = processesMentioning(join(ingest, staged));
      if (pid === undefined) throw new Error(`no load process has ${staged} on its command line`);
      process.kill(pid, 'SIGKILL');
      killed = true;
      yield* chunksOf(archive.subarray(half));
    }
    const err = await failure(loadInChild(t.store, halfThenKill(), {}, real));
    expect(killed).toBe(true);
    expect(httpStatusOf(err)).toBe(500);
    expect(err.message).toMatch(/killed by SIGKILL/);
    expect(await t.snapshot()).toEqual(before);
    expect(() => t.store.resolve('next:1')).toThrow(/No such image/);
  });
});

/** The error `load` fails with (the test fails when it succeeds). */
async function failure(load: Promise<unknown>): Promise<Error> {
  return load.then(
    () => Promise.reject(new Error('the load succeeded')),
    (err: unknown) => err as Error,
  );
}
