import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import type { TestResult } from '../../core/results/types.js';
import { type ProgressState, silentProgress } from './progress.js';
import { runEngine } from './run-engine.js';
import { NO_REASON } from './test-result.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const support = join(repo, 'suites/support/conformance.ts');
const engine: EngineDescription = {
  name: 'fake',
  family: 'docker-api',
  address: 'unix:///nowhere.sock',
  source: 'test',
  product: 'fake',
  version: '1',
  capabilities: ['containers'],
};

const SAMPLE = `
import { describe, expect, test } from 'vitest';
import { conformance } from '${support}';
describe('group', () => {
  conformance('passes', { tags: ['smoke'], requirements: ['REQ-1', 'REQ-2'] }, () => { expect(1).toBe(1); });
  conformance('fails', { tags: ['smoke'] }, () => { expect('got').toBe('wanted'); });
  conformance('needs exec', { needs: ['exec'] }, () => {});
  conformance('listed skip', {}, () => { throw new Error('must not run'); });
  test.skip('plain skip', () => {});
});
`;
const VANISH = `
import { existsSync, rmSync } from 'node:fs';
import { test } from 'vitest';
const marker = ${JSON.stringify('MARKER')};
test('first', () => {});
test('loses the engine', () => { rmSync(marker); throw new Error('cannot reach fake: ECONNREFUSED'); });
test('after', async () => { await new Promise((r) => setTimeout(r, 200)); if (!existsSync(marker)) throw new Error('ECONNREFUSED'); });
test('later', () => {});
`;
const HOOKS = `
import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
describe('gated', () => {
  beforeEach((ctx) => { ctx.skip('no C compiler here'); });
  test('needs cc', () => { throw new Error('must not run'); });
});
describe('setup', () => {
  beforeAll(() => { throw new Error('the probe binary is missing'); });
  test('kept out', () => {});
});
describe('teardown', () => {
  afterAll(() => { throw new Error('cleanup went wrong'); });
  test('ran', () => {});
});
`;

describe('runEngine', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-runner-'));
    await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'));
    const config =
      "export default { test: { projects: [{ test: { name: 'suites', include: ['suites/**/*.test.ts'] } }] } };";
    await writeFile(join(dir, 'vitest.config.mjs'), config);
    await mkdir(join(dir, 'suites/tiny'), { recursive: true });
    await mkdir(join(dir, 'suites/vanish'), { recursive: true });
    await writeFile(join(dir, 'suites/tiny/sample.test.ts'), SAMPLE);
    // the sequencer runs bigger files first when it has no timings: pad so gone.test.ts runs first
    await writeFile(
      join(dir, 'suites/vanish/gone.test.ts'),
      `${VANISH.replace('MARKER', join(dir, 'marker'))}${'//\n'.repeat(500)}`,
    );
    await mkdir(join(dir, 'suites/bail'), { recursive: true });
    const failing = Array.from(
      { length: 6 },
      (_, i) => `test('f${i}', () => { throw new Error('no ${i}'); });`,
    );
    await writeFile(
      join(dir, 'suites/bail/many.test.ts'),
      `import { test } from 'vitest';\n${failing.join('\n')}\n`,
    );
    await mkdir(join(dir, 'suites/hooks'), { recursive: true });
    await writeFile(join(dir, 'suites/hooks/broken.test.ts'), HOOKS);
    await mkdir(join(dir, 'suites/pick'), { recursive: true });
    await writeFile(join(dir, 'suites/pick/one.test.ts'), SAMPLE);
    const untagged = `import { conformance } from '${support}';\nconformance('other', {}, () => {});\n`;
    await writeFile(join(dir, 'suites/pick/two.test.ts'), untagged);
    await writeFile(
      join(dir, 'suites/vanish/next.test.ts'),
      "import { test } from 'vitest';\ntest('never', () => {});\n",
    );
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const opts = () => ({ root: dir, configFile: join(dir, 'vitest.config.mjs'), progress: silentProgress });

  it('turns a vitest run into TestResult records', async () => {
    const skip = [{ match: 'tiny/*listed skip', reason: 'hangs this engine' }];
    const run = await runEngine(engine, { ...opts(), suites: ['tiny'], skip });
    expect(run.errors).toEqual([]);
    const byName = Object.fromEntries(run.tests.map((t) => [t.name, t]));
    expect(byName.passes).toMatchObject({
      id: 'tiny/sample.test.ts > group > passes',
      suite: 'tiny',
      engine: 'fake',
      status: 'pass',
      tags: ['smoke'],
      requirements: ['REQ-1', 'REQ-2'],
    });
    expect(byName.fails?.status).toBe('fail');
    expect(byName.fails?.message).toContain("expected 'got' to be 'wanted'");
    expect(byName['needs exec']).toMatchObject({ status: 'skip', message: 'fake lacks capability exec' });
    expect(byName['listed skip']).toMatchObject({ status: 'skip', message: 'hangs this engine' });
    // a skip without a reason is not a green: it fails, saying so
    expect(byName['plain skip']).toMatchObject({ status: 'fail', message: NO_REASON });
    expect(run.tests).toHaveLength(5);
  });

  it('fails the tests a failed beforeAll kept from running, with its error, and reports hook errors', async () => {
    const run = await runEngine(engine, { ...opts(), suites: ['hooks'] });
    const byName = Object.fromEntries(run.tests.map((t) => [t.name, t]));
    expect(byName['kept out']).toMatchObject({
      status: 'fail',
      message: 'not run: a hook of group "setup" failed: the probe binary is missing',
    });
    expect(byName.ran?.status).toBe('pass');
    // a group's beforeEach that skips with a reason: the reason reaches the results
    expect(byName['needs cc']).toMatchObject({ status: 'skip', message: 'no C compiler here' });
    expect(run.errors).toEqual([
      'suites/hooks/broken.test.ts > setup: the probe binary is missing',
      'suites/hooks/broken.test.ts > teardown: cleanup went wrong',
    ]);
  });

  it('applies --tag and -t selection', async () => {
    const tagged = await runEngine(engine, { ...opts(), suites: ['tiny'], tags: ['smoke'] });
    expect(tagged.tests.map((t) => t.name).sort()).toEqual(['fails', 'passes', 'plain skip']);
    const named = await runEngine(engine, { ...opts(), suites: ['tiny'], testNamePattern: 'passes$' });
    expect(named.tests.map((t) => t.name)).toEqual(['passes']);
  });

  it('progress counts only unexpected failures, xfail apart, and names only files with selected tests', async () => {
    const lines: string[] = [];
    const rec = (s: ProgressState) =>
      lines.push(`${s.file} ${s.done}/${s.total} ${s.failed} ${s.xfailed ?? 0}`);
    const progress = { update() {}, fileDone: rec, end: rec };
    const expected = (t: TestResult) => (t.name === 'fails' && t.status === 'fail' ? 'xfail' : t.status);
    const run = await runEngine(engine, { ...opts(), progress, suites: ['pick'], tags: ['smoke'], expected });
    expect(run.tests.map((t) => t.name).sort()).toEqual(['fails', 'passes', 'plain skip']);
    expect(lines).toEqual(['pick/one.test.ts 3/3 1 1', 'pick/one.test.ts 3/3 1 1']); // 1: the reasonless skip
  });

  it('--bail N stops the run after N unexpected failures (a listed failure does not count)', async () => {
    const expected = (t: TestResult) => (t.name === 'f0' ? 'xfail' : t.status);
    const run = await runEngine(engine, { ...opts(), suites: ['bail'], bail: 2, expected });
    expect(run.tests.map((t) => `${t.name} ${t.status}`)).toEqual(['f0 fail', 'f1 fail', 'f2 fail']);
    expect(run.errors).toEqual([
      expect.stringMatching(/^stopped after 2 unexpected failure\(s\) \(--bail 2\)/),
    ]);
  });

  it('fails the remaining tests when the engine disappears', async () => {
    const marker = join(dir, 'marker');
    await writeFile(marker, '');
    const engineGone = async () => (existsSync(marker) ? undefined : 'marker removed');
    const run = await runEngine(engine, { ...opts(), suites: ['vanish'], engineGone });
    const status = Object.fromEntries(run.tests.map((t) => [t.name, t.status]));
    expect(status).toEqual({ first: 'pass', 'loses the engine': 'fail', after: 'fail', later: 'fail' });
    const later = run.tests.find((t) => t.name === 'later');
    expect(later?.message).toMatch(/engine fake became unreachable during the run \(marker removed\)/);
    expect(run.errors).toEqual([
      expect.stringMatching(/^suites\/vanish\/next\.test\.ts: not run: engine fake became/),
    ]);
  });
});
