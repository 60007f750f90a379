import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DescribeFn } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { buildResults } from '../../core/results/build.js';
import { projectRoot } from '../../core/results/host.js';
import { buildImage, buildLayer, file } from '../../fixtures/images/index.js';
import { runCli } from '../cli.js';
import type { CliIo } from '../io/io.js';
import type { Difference } from './compare.js';
import { differentialReport } from './differential.js';
import { type FakeDocker, startFakeDocker } from './testing/fake-docker.js';

const tinyFixture = async () =>
  buildImage({
    name: 'tiny',
    layers: [await buildLayer([file('/hello', 'hi\n')])],
    config: { Cmd: ['/hello'] },
  });

const described = (fake: FakeDocker, name: string, product: string): EngineDescription => ({
  name,
  family: 'docker-api',
  address: fake.address,
  source: 'test',
  product,
  version: '1',
  apiVersion: '1.41',
  capabilities: [],
});

const find = (ds: readonly Difference[], step: string, pointer: string) =>
  ds.filter((d) => d.step === step && d.pointer === pointer).map((d) => d.kind);

describe('differential report of two fake engines', () => {
  let ref: FakeDocker;
  let cand: FakeDocker;
  beforeAll(async () => {
    [ref, cand] = await Promise.all([startFakeDocker('reference'), startFakeDocker('candidate')]);
  });
  afterAll(async () => {
    await Promise.all([ref?.close(), cand?.close()]);
  });

  it('reports each kind where the candidate differs, and nothing where it only differs in ids or order', async () => {
    const report = await differentialReport(
      described(ref, 'docker', 'Docker Engine'),
      [described(cand, 'podman', 'Podman Engine')],
      { fixture: tinyFixture, now: () => new Date(0) },
    );
    expect(report.schema).toBe('shipshape.diff/v1');
    expect(report.createdAt).toBe('1970-01-01T00:00:00.000Z');
    const [c] = report.comparisons;
    if (!c) throw new Error('no comparison');
    const ds = c.differences;
    for (const step of ['inspect-created', 'inspect-running', 'inspect-exited']) {
      expect(find(ds, step, '/Platform')).toEqual(['missing']);
      expect(find(ds, step, '/Health')).toEqual(['extra']);
      expect(find(ds, step, '/HostConfig/Binds')).toEqual(['type-change']);
      expect(find(ds, step, '/State/Status')).toEqual(['value-change']);
      // ids, pids, names (each engine had its own token) and Mounts order compare equal
      expect(ds.filter((d) => d.step === step).map((d) => d.pointer)).toHaveLength(4);
    }
    expect(find(ds, 'start-again', '')).toEqual(['status-change']);
    expect(find(ds, 'too-new', '')).toEqual(['status-change']);
    expect(ds.find((d) => d.step === 'too-new')?.note).toBe('reference: too new');
    expect(ds.filter((d) => d.step === 'events').map((d) => `${d.kind} ${d.key}`)).toEqual([
      'missing Action="destroy"',
      'extra Action="remove"',
    ]);
    expect(ds.find((d) => d.step === 'top')).toMatchObject({
      pointer: '/Processes/0',
      kind: 'type-change',
      candidate: { type: 'array<number|string>' },
    });
    // type-only fields (image Size, info Containers) and id-keyed maps (network Containers) are no difference
    expect(ds.filter((d) => ['images', 'info', 'networks'].includes(d.scenario))).toEqual([]);
    expect(c.counts).toMatchObject({
      missing: 4,
      extra: 4,
      'type-change': 4,
      'value-change': 3,
      'status-change': 2,
    });
    expect(c.notes).toEqual([]);
  });

  it('removes what each scenario made: containers by force, the volume, the images', async () => {
    for (const fake of [ref, cand]) {
      const deletes = fake.requests.filter((r) => r.startsWith('DELETE '));
      expect(
        deletes.some((r) => /containers\/shipshape-diff-\w+-container-lifecycle-probe\?force=1&v=1/.test(r)),
      ).toBe(true);
      expect(deletes.some((r) => /volumes\/shipshape-diff-\w+-container-lifecycle-data$/.test(r))).toBe(true);
      expect(deletes.some((r) => /volumes\/shipshape-diff-\w+-volumes-vol$/.test(r))).toBe(true);
      expect(deletes.at(-1)).toMatch(/DELETE \/v1\.41\/images\/shipshape-diff\/probe-\w+:latest$/);
    }
  });
});

describe('conform --diff-against through the CLI', () => {
  let ref: FakeDocker;
  let cand: FakeDocker;
  let out: string;
  beforeAll(async () => {
    [ref, cand] = await Promise.all([startFakeDocker('reference'), startFakeDocker('candidate')]);
    out = await mkdtemp(join(tmpdir(), 'shipshape-diff-cli-'));
  });
  afterAll(async () => {
    await Promise.all([ref?.close(), cand?.close()]);
    await rm(out, { recursive: true, force: true });
  });

  const describeFake: DescribeFn = async (e) => ({
    ...e,
    product: e.address === ref.address ? 'Docker Engine' : 'Podman Engine',
    version: '1',
    apiVersion: '1.41',
    capabilities: [],
  });

  function io(stderr: string[], env: Record<string, string> = {}): CliIo {
    return {
      stdout: { write: () => true },
      stderr: { write: (s: string) => stderr.push(s) },
      env: { PATH: '', ...env },
      root: projectRoot(),
      describe: describeFake,
      // one failing test: conform exits 1, and the diff must leave that alone
      runConformance: async (engines) => ({
        results: buildResults({
          startedAt: new Date(),
          finishedAt: new Date(),
          engines,
          tests: engines.map((e) => ({
            id: 'basics/x',
            suite: 'basics',
            name: 'x',
            engine: e.name,
            status: 'fail' as const,
            durationMs: 1,
            tags: [],
            requirements: [],
            message: 'boom',
          })),
          errors: [],
        }),
        logs: {},
      }),
    };
  }

  it('writes diff.json and diff.md, prints a line per candidate, keeps the exit code', async () => {
    const stderr: string[] = [];
    const args = ['conform', '--engine', ref.address, '--engine', cand.address, '--out', out];
    const summary = join(out, 'step-summary.md');
    const code = await runCli(
      [...args, '--diff-against', ref.address],
      io(stderr, { GITHUB_STEP_SUMMARY: summary }),
    );
    expect(code, stderr.join('')).toBe(1);
    const report = JSON.parse(await readFile(join(out, 'diff.json'), 'utf8'));
    expect(report.engines.map((e: { name: string }) => e.name)).toEqual(['docker', 'podman']);
    expect(report.comparisons[0].counts['status-change']).toBeGreaterThan(0);
    expect(await readFile(join(out, 'diff.md'), 'utf8')).toContain(
      '## podman (Podman Engine 1, API 1.41) vs docker',
    );
    expect(stderr.join('')).toMatch(
      /shipshape: diff podman vs docker: \d+ differences \(missing \d+, .*\); see .*diff\.md/,
    );
  });

  it('refuses an unknown or non-Docker-API reference before running any suite (exit 2)', async () => {
    for (const [value, why] of [
      ['nosuchengine', 'unknown engine'],
      ['registry=http://127.0.0.1:1', 'the reference must speak the Docker API'],
    ]) {
      const stderr: string[] = [];
      const args = ['conform', '--engine', cand.address, '--out', out, '--diff-against', value as string];
      expect(await runCli(args, io(stderr))).toBe(2);
      expect(stderr.join('')).toMatch(new RegExp(`^shipshape: --diff-against ${value}: .*${why}`));
      expect(stderr.join('')).not.toContain('testing');
    }
  });
});
