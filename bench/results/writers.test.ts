import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEnvironment, filesystemOf } from './environment.js';
import { fixtureDocument } from './fixture.js';
import { toCustomSmallerIsBetter } from './github-action-benchmark.js';
import { parseBenchJson, readBenchJson, toBenchJson, writeBenchJson } from './json.js';
import { MARKDOWN_COLUMNS, toMarkdown } from './markdown.js';
import { toSideBySide } from './side-by-side.js';
import { benchDocumentErrors } from './validate.js';

const ten = (base: number) => Array.from({ length: 10 }, (_, i) => base + i);
const doc = fixtureDocument([
  {
    id: 'lifecycle/run-true',
    engine: 'docker',
    samples: ten(300),
    phases: { create: ten(50), start: ten(200) },
  },
  { id: 'lifecycle/run-true', engine: 'podman', samples: ten(600), phases: { create: ten(100) } },
  { id: 'image/inspect', engine: 'docker', samples: [0.5, 0.6, 0.7] },
]);

describe('shipshape.bench/v1 JSON', () => {
  const dir = mkdtemp(join(tmpdir(), 'shipshape-bench-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('writes valid JSON that reads back equal', async () => {
    const path = join(await dir, 'bench.json');
    await writeBenchJson(path, doc);
    expect(await readBenchJson(path)).toEqual(doc);
    expect(benchDocumentErrors(JSON.parse(toBenchJson(doc)))).toEqual([]);
  });

  it('rejects documents that break the schema, saying where', async () => {
    const broken = structuredClone(doc) as unknown as {
      benchmarks: { summary: { n: number } }[];
      schema: string;
    };
    (broken.benchmarks[0] as { summary: { n: number } }).summary.n = 0;
    expect(benchDocumentErrors(broken).join('\n')).toMatch(/\/benchmarks\/0\/summary\/n/);
    expect(() => parseBenchJson(JSON.stringify({ ...doc, schema: 'other/v9' }))).toThrow(
      /not shipshape\.bench\/v1/,
    );
    expect(() => parseBenchJson('{')).toThrow(/not JSON/);
    const path = join(await dir, 'bad.json');
    await writeFile(path, '[]');
    await expect(readBenchJson(path)).rejects.toThrow(/is not shipshape\.bench\/v1/);
    await expect(readBenchJson(join(await dir, 'absent.json'))).rejects.toThrow(/cannot read/);
  });
});

describe('writers', () => {
  it('github-action-benchmark customSmallerIsBetter entries', () => {
    const entries = toCustomSmallerIsBetter(doc);
    expect(entries.map((e) => e.name)).toEqual([
      'lifecycle/run-true [docker]',
      'lifecycle/run-true > create [docker]',
      'lifecycle/run-true > start [docker]',
      'lifecycle/run-true [podman]',
      'lifecycle/run-true > create [podman]',
      'image/inspect [docker]',
    ]);
    expect(entries[0]).toMatchObject({
      unit: 'ms',
      value: 304.5,
      range: expect.stringMatching(/^± [\d.]+$/),
    });
    expect(entries[0]?.extra).toMatch(/n=10\np90=308 ms\np99=309 ms\n95% CI of median/);
    expect(entries[5]).not.toHaveProperty('range'); // 3 samples: no interval
    expect(toCustomSmallerIsBetter(doc, { phases: false })).toHaveLength(3);
  });

  it('Markdown table with the documented columns, one row per figure', () => {
    const lines = toMarkdown(doc).trim().split('\n');
    expect(lines[0]).toBe(`| ${MARKDOWN_COLUMNS.join(' | ')} |`);
    expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(lines).toHaveLength(8);
    expect(lines[2]).toMatch(
      /^\| lifecycle\/run-true \| docker \| 10 \| 305 ms \| \d+ ms – \d+ ms \| 308 ms \| 309 ms \| 300 ms \| 309 ms \|$/,
    );
    expect(lines[7]).toBe(
      '| image/inspect | docker | 3 | 600 µs | n/a (too few samples) | 680 µs | 698 µs | 500 µs | 700 µs |',
    );
  });

  it('side-by-side table: engines as columns with ratios to the reference', () => {
    const lines = toSideBySide(doc).trim().split('\n');
    expect(lines[0]).toBe('| Benchmark (median) | docker (reference) | podman |');
    expect(lines[2]).toBe('| lifecycle/run-true | 305 ms | 605 ms (1.99x) |');
    expect(lines[4]).toBe('| lifecycle/run-true > start | 205 ms | — |');
    expect(lines[5]).toBe('| image/inspect | 600 µs | — |');
    expect(toSideBySide(doc, { reference: 'podman' }).split('\n')[2]).toBe(
      '| lifecycle/run-true | 305 ms (0.504x) | 605 ms |',
    );
  });
});

describe('environment', () => {
  it('finds the filesystem of a path from the longest mount prefix', () => {
    const mounts = 'overlay / overlay rw 0 0\ntmpfs /work/tmp tmpfs rw 0 0\n/dev/sda1 /work ext4 rw 0 0\n';
    expect(filesystemOf('/work/x/y', mounts)).toBe('ext4');
    expect(filesystemOf('/work/tmp', mounts)).toBe('tmpfs');
    expect(filesystemOf('/workshop', mounts)).toBe('overlay');
  });
  it('collects host facts and the engine versions it is given', () => {
    const env = collectEnvironment({ engines: { docker: '20.10.24' } });
    expect(env.cpu.count).toBeGreaterThanOrEqual(1);
    expect(env.memoryBytes).toBeGreaterThan(0);
    expect(env.node).toBe(process.version);
    expect(env.workDirFilesystem).not.toBe('');
    expect(env.engines).toEqual({ docker: '20.10.24' });
  });
});
