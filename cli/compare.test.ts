import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../core/engines/types.js';
import { buildResults } from '../core/results/build.js';
import { projectRoot } from '../core/results/host.js';
import type { TestResult, TestStatus } from '../core/results/types.js';
import { runCli } from './cli.js';

const engine = (name: string): EngineDescription => ({
  name,
  family: 'docker-api',
  address: `unix:///${name}.sock`,
  source: 'test',
  product: name,
  version: '1',
  capabilities: [],
});
const t = (engineName: string, id: string, status: TestStatus, message?: string): TestResult => ({
  id,
  suite: id.slice(0, id.indexOf('/')),
  name: id.split(' > ').at(-1) ?? id,
  engine: engineName,
  status,
  durationMs: 1,
  tags: [],
  requirements: [],
  ...(message ? { message } : {}),
});
const run = (engines: string[], tests: TestResult[]) => {
  const now = new Date('2026-12-01T00:00:00Z');
  return JSON.stringify(
    buildResults({ startedAt: now, finishedAt: now, engines: engines.map(engine), tests, errors: [] }),
  );
};

describe('shipshape compare', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-compare-'));
    await writeFile(
      join(dir, 'old.json'),
      run(
        ['docker', 'podman'],
        [
          t('docker', 'basics/a.test.ts > ping', 'pass'),
          t('docker', 'lifecycle/b.test.ts > stop', 'fail', 'was broken'),
          t('docker', 'lifecycle/b.test.ts > kill', 'xfail'),
          t('docker', 'lifecycle/b.test.ts > gone', 'pass'),
          t('podman', 'basics/a.test.ts > ping', 'pass'),
        ],
      ),
    );
    await writeFile(
      join(dir, 'new.json'),
      run(
        ['docker', 'crun'],
        [
          t('docker', 'basics/a.test.ts > ping', 'fail', 'expected 200\nto be 500'),
          t('docker', 'lifecycle/b.test.ts > stop', 'pass'),
          t('docker', 'lifecycle/b.test.ts > kill', 'xpass'),
          t('docker', 'lifecycle/b.test.ts > new one', 'skip', 'lacks exec'),
        ],
      ),
    );
    await writeFile(
      join(dir, 'same.json'),
      run(
        ['docker'],
        [t('docker', 'basics/a.test.ts > ping', 'pass'), t('docker', 'lifecycle/b.test.ts > stop', 'pass')],
      ),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const io = () => {
    const out = { t: '', write: (s: string) => (out.t += s) };
    const err = { t: '', write: (s: string) => (err.t += s) };
    return { out, err, io: { stdout: out, stderr: err, env: {}, root: projectRoot() } };
  };

  it('prints newly failing, fixed and changed status per engine and suite; exit 1 on a new failure', async () => {
    const c = io();
    expect(await runCli(['compare', join(dir, 'old.json'), join(dir, 'new.json')], c.io)).toBe(1);
    expect(c.out.t).toBe(
      [
        'Newly failing: 1',
        '  docker / basics',
        '    pass → fail  basics/a.test.ts > ping: expected 200',
        'Fixed: 1',
        '  docker / lifecycle',
        '    fail → pass  lifecycle/b.test.ts > stop',
        'Changed status: 3',
        '  docker / lifecycle',
        '    pass → (gone)  lifecycle/b.test.ts > gone',
        '    xfail → xpass  lifecycle/b.test.ts > kill',
        '    (new) → skip  lifecycle/b.test.ts > new one',
        'Only in the old run: podman',
        'Only in the new run: crun',
        '',
      ].join('\n'),
    );
  });
  it('writes Markdown for a PR comment; no new failure exits 0', async () => {
    const c = io();
    const argv = ['compare', join(dir, 'old.json'), join(dir, 'same.json'), '--format', 'markdown'];
    expect(await runCli(argv, c.io)).toBe(0);
    expect(c.out.t).toContain('No new unexpected failure; 1 fixed;');
    expect(c.out.t).toContain('| docker | lifecycle | lifecycle/b.test.ts > stop | fail → pass |  |');
    const m = io();
    await runCli(['compare', join(dir, 'old.json'), join(dir, 'new.json'), '--format', 'markdown'], m.io);
    expect(m.out.t).toContain('**1 newly failing**');
    expect(m.out.t).toContain('### Newly failing (1)');
  });
  it('a file that is not a results.json is a usage error', async () => {
    const c = io();
    await writeFile(join(dir, 'junk.json'), '{"a":1}');
    expect(await runCli(['compare', join(dir, 'junk.json'), join(dir, 'new.json')], c.io)).toBe(2);
    expect(c.err.t).toContain('not a shipshape results.json');
    expect(await runCli(['compare', join(dir, 'nope.json'), join(dir, 'new.json')], io().io)).toBe(2);
  });
});
