import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDocument } from '../bench/results/fixture.js';
import { toBenchJson } from '../bench/results/json.js';
import type { EngineDescription } from '../core/engines/types.js';
import { buildResults } from '../core/results/build.js';
import { projectRoot } from '../core/results/host.js';
import type { TestResult, TestStatus } from '../core/results/types.js';
import { resultsJson } from '../reports/results-json.js';
import { runCli } from './cli.js';

const docker: EngineDescription = {
  name: 'docker',
  family: 'docker-api',
  address: 'unix:///docker.sock',
  source: 'test',
  product: 'Docker',
  version: '1',
  capabilities: [],
};
const t = (status: TestStatus): TestResult => ({
  id: `lifecycle/a.test.ts > ${status}`,
  suite: 'lifecycle',
  name: status,
  engine: 'docker',
  status,
  durationMs: 1,
  tags: [],
  requirements: [],
});

/** results.json as this machine makes it, under the host name SHIPSHAPE_HOST gives. */
function resultsOn(host: string, tests: TestResult[]): string {
  const before = process.env.SHIPSHAPE_HOST;
  process.env.SHIPSHAPE_HOST = host;
  try {
    const now = new Date();
    return resultsJson(
      buildResults({ startedAt: now, finishedAt: now, engines: [docker], tests, errors: [] }),
    );
  } finally {
    if (before === undefined) delete process.env.SHIPSHAPE_HOST;
    else process.env.SHIPSHAPE_HOST = before;
  }
}

describe('shipshape report merge', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-merge-'));
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    await writeFile(join(dir, 'a', 'results.json'), resultsOn('kernel-6.1-v2', [t('pass'), t('xfail')]));
    await writeFile(join(dir, 'b', 'results.json'), resultsOn('kernel-5.10-v1', [t('pass'), t('fail')]));
    const rounds = [0, 1, 2, 3, 4, 5, 6, 7];
    const bench = fixtureDocument([
      { id: 'startup/run/c1', engine: 'docker', samples: [10, 11, 12, 13, 14, 15, 16, 17], rounds },
      { id: 'startup/run/c1', engine: 'podman', samples: [20, 22, 24, 26, 28, 30, 32, 34], rounds },
    ]);
    await writeFile(join(dir, 'a', 'bench.json'), toBenchJson(bench));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const io = () => {
    const out = { t: '', write: (s: string) => (out.t += s) };
    const err = { t: '', write: (s: string) => (err.t += s) };
    return { out, err, io: { stdout: out, stderr: err, env: {}, root: projectRoot() } };
  };

  it('merges hosts into engines × suites × hosts, with bench ratios within each host', async () => {
    const c = io();
    const out = join(dir, 'merged');
    expect(await runCli(['report', 'merge', join(dir, 'a'), join(dir, 'b'), '--out', out], c.io)).toBe(0);
    const md = await readFile(join(out, 'merged.md'), 'utf8');
    expect(md).toContain('| engine | suite | kernel-6.1-v2 | kernel-5.10-v1 |');
    expect(md).toContain('| docker | lifecycle | 1 pass, 1 xfail | **1 pass, 1 fail** |');
    expect(md).toMatch(/\| kernel-6\.1-v2 \| [^|]* \| \S+ \| (v1|v2|hybrid|none) \| \d+ × /);
    expect(md).toContain('### kernel-6.1-v2');
    expect(md).toMatch(/\| startup\/run\/c1 \| podman \/ docker \| 2× \|/);
    const json = JSON.parse(await readFile(join(out, 'merged.json'), 'utf8'));
    expect(json.hosts.map((h: { host: string }) => h.host)).toEqual(['kernel-6.1-v2', 'kernel-5.10-v1']);
  });
  it('two folders from the same host, or a folder with neither file, are usage errors', async () => {
    const same = io();
    expect(await runCli(['report', 'merge', join(dir, 'a'), join(dir, 'a')], same.io)).toBe(2);
    expect(same.err.t).toContain('two folders name the host kernel-6.1-v2');
    const empty = io();
    await mkdir(join(dir, 'empty'));
    expect(await runCli(['report', 'merge', join(dir, 'empty')], empty.io)).toBe(2);
  });
});
