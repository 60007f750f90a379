import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { tarStream } from '../../../core/tar/index.js';
import { waitFor } from '../../../core/wait-for.js';
import { processesMentioning } from '../../runtime/testing/leftovers.js';
import { ImageStore } from '../image-store.js';
import { compileForChild } from '../testing/compile-for-child.js';

const BIG = 128 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const chunkAt = (i: number) => Buffer.alloc(CHUNK, i % 251);

/** A docker-archive whose second layer is BIG bytes, streamed to disk (never whole in memory). */
async function writeLargeArchive(file: string): Promise<void> {
  const small = Buffer.from('small layer');
  const hash = createHash('sha256');
  for (let i = 0; i < BIG / CHUNK; i++) hash.update(chunkAt(i));
  const diffIds = [
    `sha256:${createHash('sha256').update(small).digest('hex')}`,
    `sha256:${hash.digest('hex')}`,
  ];
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }),
  );
  function* big() {
    for (let i = 0; i < BIG / CHUNK; i++) yield chunkAt(i);
  }
  const manifest = [
    { Config: 'config.json', RepoTags: ['big:1'], Layers: ['small/layer.tar', 'big/layer.tar'] },
  ];
  const tar = tarStream([
    { name: 'small/layer.tar', content: small },
    { name: 'big/layer.tar', size: BIG, content: big() },
    { name: 'config.json', content: config },
    { name: 'manifest.json', content: JSON.stringify(manifest) },
  ]);
  await pipeline(tar, createWriteStream(file));
}

/** The largest file in ROOT/ingest (the store's own ingest) or in a load process's staging store there. */
async function largestIngestFile(root: string): Promise<number> {
  const ingest = join(root, 'ingest');
  const names = await readdir(ingest).catch(() => [] as string[]);
  const staged = await Promise.all(
    names
      .filter((n) => n.startsWith('stage-'))
      .map(async (n) =>
        (await readdir(join(ingest, n, 'ingest')).catch(() => [])).map((f) => join(n, 'ingest', f)),
      ),
  );
  const sizes = await Promise.all(
    [...names, ...staged.flat()].map((n) =>
      stat(join(ingest, n)).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  );
  return Math.max(0, ...sizes);
}

/** A process that opens a store at `root` and loads a BIG archive, killed -9 once its ingest is mid-way. */
interface KilledLoad {
  readonly root: string;
  /** What it printed ('finished' once the load returned). */
  readonly output: string;
}

/**
 * Compiles the engine under `work`, writes the archive, starts a node process that loads it into a
 * store at WORK/store (`inChild`: through the built load process), waits until a file in the ingest
 * holds 16 MiB, calls `midway` (the process still running), then kills it -9 and waits for its end.
 */
async function killLoadMidway(
  work: string,
  inChild: boolean,
  midway: (root: string) => Promise<void> = async () => undefined,
): Promise<KilledLoad> {
  const engine = await compileForChild(join(work, 'compiled'));
  const archive = join(work, 'big.tar');
  await writeLargeArchive(archive);
  const root = join(work, 'store');
  const script = join(work, 'loader.mjs');
  const loadChild = join(engine, 'images', 'load', 'load-child.js');
  const options = inChild
    ? `{ loadProcess: { command: process.execPath, args: [${JSON.stringify(loadChild)}] } }`
    : '{}';
  await writeFile(
    script,
    `import { createReadStream } from 'node:fs';
import { ImageStore } from '${join(engine, 'images', 'image-store.js')}';
const store = await ImageStore.open(process.argv[2], ${options});
await store.load(createReadStream(process.argv[3]));
console.log('finished');`,
  );
  const child: ChildProcess = spawn(process.execPath, [script, root, archive], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    const exited = once(child, 'exit');
    const stuck = () => new Error(`the load never got mid-way: ${output}`);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw stuck();
        return (await largestIngestFile(root)) >= 16 * CHUNK;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 10,
        describe: 'the load to get mid-way',
        retry: () => false,
        onTimeout: stuck,
      },
    );
    await midway(root);
    child.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    return { root, output };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('crash safety', () => {
  it('a daemon killed while its load process reads the archive: the process ends, reopening leaves nothing', async () => {
    const work = await mkdtemp(join(tmpdir(), 'crash-'));
    try {
      let staging = '';
      const { root, output } = await killLoadMidway(work, true, async (root) => {
        staging = join(root, 'ingest', 'stage-');
        expect(processesMentioning(staging)).toHaveLength(1);
      });
      expect(output).not.toContain('finished');
      // its stdin closed, the orphaned load process refuses the cut archive and exits
      await waitFor(async () => processesMentioning(staging).length === 0, {
        timeoutMs: 30_000,
        intervalMs: 50,
        describe: 'the orphaned load process to exit',
      });
      expect((await readdir(join(root, 'ingest'))).some((n) => n.startsWith('stage-'))).toBe(true);

      const store = await ImageStore.open(root);
      expect(store.index.images()).toEqual([]);
      expect(() => store.resolve('big:1')).toThrow(/No such image/);
      expect(await readdir(join(root, 'ingest'))).toEqual([]);
      expect(await readdir(join(root, 'blobs', 'sha256'))).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('a load killed mid-way leaves no image, and reopening removes temp files and orphan blobs', async () => {
    const work = await mkdtemp(join(tmpdir(), 'crash-'));
    try {
      const { root, output } = await killLoadMidway(work, false);
      expect(output).not.toContain('finished');
      // what the crash left: a published blob (the small layer) and a partial ingest file
      expect((await readdir(join(root, 'blobs', 'sha256'))).length).toBeGreaterThan(0);
      expect((await readdir(join(root, 'ingest'))).length).toBeGreaterThan(0);

      const store = await ImageStore.open(root);
      expect(store.index.images()).toEqual([]);
      expect(() => store.resolve('big:1')).toThrow(/No such image/);
      expect(await readdir(join(root, 'ingest'))).toEqual([]);
      expect(await readdir(join(root, 'blobs', 'sha256'))).toEqual([]);
      expect((await readdir(root)).filter((n) => n.startsWith('.tmp'))).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});
