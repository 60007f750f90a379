import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The real corpus writer, with every file it writes recorded.
const written = vi.hoisted(() => [] as string[]);
vi.mock('./blobs.js', async (load) => {
  const real = await load<typeof import('./blobs.js')>();
  return {
    ...real,
    writeLayerFile: (...a: Parameters<typeof real.writeLayerFile>) => {
      written.push(`${a[1]}/${a[2]}`);
      return real.writeLayerFile(...a);
    },
  };
});

const { runGroups } = await import('../cli-support/run-groups.js');
const { planExtraction } = await import('./plan.js');

describe('extraction with --only', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-extract-only-'));
    written.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const settings = (only?: (id: string) => boolean) => ({
    profile: 'quick' as const,
    seed: 1,
    runId: 't',
    workDir: dir,
    samples: 2,
    corpora: ['whiteouts', 'links'] as const,
    encoders: ['none', 'gzip-1'] as const,
    targets: ['workdir'] as const,
    ...(only ? { only } : {}),
  });

  it('declares before opening exactly the ids its run yields', async () => {
    const plan = planExtraction([], settings());
    const declared = plan.groups.flatMap((g) => g.ids.map((p) => `${p.id} ${p.engine}`));
    const { results, errors } = await runGroups(plan.groups);
    expect(errors).toEqual([]);
    expect(results.map((r) => `${r.id} ${r.engine}`).sort()).toEqual(declared.sort());
    expect(written).toEqual(['whiteouts/none', 'whiteouts/gzip-1', 'links/none', 'links/gzip-1']);
  });

  it('writes only the corpus files the kept ids read and samples only those ids', async () => {
    const only = (id: string) => id.startsWith('extract/links/gzip-1/') && !id.includes('/apply/');
    const { results, errors } = await runGroups(planExtraction([], settings(only)).groups);
    expect(errors).toEqual([]);
    expect(results.map((r) => `${r.id} ${r.engine}`)).toEqual([
      'extract/links/gzip-1/decompress gnu-tar',
      'extract/links/gzip-1/decompress reference',
      'extract/links/gzip-1/parse gnu-tar',
      'extract/links/gzip-1/parse reference',
    ]);
    expect(written).toEqual(['links/gzip-1']);
  });
});
