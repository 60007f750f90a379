import { mkdir, mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGroups } from '../cli-support/run-groups.js';
import { writeLayerFile } from './blobs.js';
import { gnuApply, gnuParse } from './gnu-tar.js';
import { planExtraction } from './plan.js';
import { referenceApply, referenceParse } from './reference.js';

describe('extraction', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-extract-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('both contenders read and write the same tree from a gzip corpus', async () => {
    const f = await writeLayerFile(dir, 'links', 'gzip-6', { profile: 'quick', seed: 1 });
    expect(f.entries).toBe(1 + 20 * 3 + 3);
    expect(await referenceParse(f.path)).toBe(f.entries);
    await gnuParse(f.path, 'gzip-6', 30_000);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    await Promise.all([mkdir(a), mkdir(b)]);
    await gnuApply(f.path, 'gzip-6', a, 30_000);
    await referenceApply(f.path, b);
    const list = async (d: string) => (await readdir(join(d, 'links'))).sort();
    expect(await list(b)).toEqual(await list(a));
    expect(await readlink(join(b, 'links', 's3'))).toBe('f3');
  });

  it('plans every stage per encoding, skips load for runtimes, and cleans its work dir', async () => {
    const runtime = {
      name: 'runc',
      family: 'runtime-cli',
      address: '/x',
      source: 't',
      product: 'runc',
      version: '1',
      capabilities: [],
    } as const;
    const plan = planExtraction([runtime], {
      profile: 'quick',
      seed: 1,
      runId: 't',
      workDir: dir,
      samples: 2,
      corpora: ['whiteouts'],
      encoders: ['none', 'gzip-1'],
      targets: ['workdir'],
    });
    const { results, errors } = await runGroups(plan.groups);
    expect(errors).toEqual([]);
    expect(results.map((r) => `${r.id} ${r.engine}`)).toEqual([
      'extract/whiteouts/none/parse gnu-tar',
      'extract/whiteouts/none/parse reference',
      'extract/whiteouts/none/apply/workdir gnu-tar',
      'extract/whiteouts/none/apply/workdir reference',
      'extract/whiteouts/gzip-1/decompress gnu-tar',
      'extract/whiteouts/gzip-1/decompress reference',
      'extract/whiteouts/gzip-1/parse gnu-tar',
      'extract/whiteouts/gzip-1/parse reference',
      'extract/whiteouts/gzip-1/apply/workdir gnu-tar',
      'extract/whiteouts/gzip-1/apply/workdir reference',
    ]);
    expect(results[0]?.throughput?.unit).toBe('MB/s');
    expect(Object.keys((results[0] as unknown as { rates: object }).rates)).toEqual(['MB/s', 'files/s']);
    expect(plan.skipped).toEqual([expect.objectContaining({ engine: 'runc' })]);
    expect(await readdir(dir)).toEqual([]);
  });
});
