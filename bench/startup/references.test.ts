import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import { probePath } from '../../fixtures/images/index.js';
import { runGroups } from '../cli-support/run-groups.js';
import { planStartup, startupGroup } from './plan.js';
import {
  NODE_START_ID,
  nodeStartGroup,
  referenceGroups,
  shiprunInProcessGroup,
  viaNodeDrivers,
} from './references.js';

const engine = (name: string, product = name): EngineDescription => ({
  name,
  family: 'runtime-cli',
  address: `/x/${name}`,
  source: 'test',
  product,
  version: '1',
  capabilities: [],
});
const settings = {
  profile: 'quick' as const,
  seed: 1,
  runId: 'reftest',
  workDir: tmpdir(),
  image: 'small' as const,
  network: 'none' as const,
  concurrency: [1],
  samples: 2,
};

describe('startup reference figures', () => {
  it('come only with shiprun (found by its version banner), small image, no network', () => {
    expect(referenceGroups([engine('runc'), engine('crun')], settings)).toEqual([]);
    const groups = referenceGroups([engine('runc'), engine('my-shiprun', 'shiprun')], settings);
    expect(groups.map((g) => g.engine)).toEqual(['my-shiprun', 'node']);
    expect(referenceGroups([engine('shiprun')], { ...settings, image: 'large' })).toEqual([]);
    const plan = planStartup([engine('runc'), engine('shiprun')], settings);
    expect(plan.groups.map((g) => g.label)).toEqual([
      'startup [runc]',
      'startup [shiprun]',
      'startup [shiprun in process]',
      'startup [node -e 0]',
      'startup [runc-via-node]',
    ]);
    expect(viaNodeDrivers([engine('runc'), engine('crun')], settings)).toEqual([]);
  });

  it("times another runtime's run behind node -e, passing its arguments and exit status on", async () => {
    const work = await mkdtemp(join(tmpdir(), 'shipshape-vianode-'));
    try {
      const calls = join(work, 'calls');
      const fake = join(work, 'fake-rt');
      // A stand-in runtime: records its argv, fails `run` when asked to.
      await writeFile(
        fake,
        `#!/bin/sh\necho "$*" >> ${calls}\n[ -e ${work}/fail ] && [ "$8" = run ] && exit 3\nexit 0\n`,
      );
      await chmod(fake, 0o755);
      const rt = { ...engine('fake'), address: fake, args: ['--systemd-cgroup'] };
      const [driver] = viaNodeDrivers([rt, engine('shiprun')], { ...settings, workDir: work });
      expect(driver?.modes).toEqual(['run']);
      const ok = await runGroups([startupGroup(driver as NonNullable<typeof driver>, settings)]);
      expect(ok.errors).toEqual([]);
      expect(ok.results.map((r) => [r.id, r.engine, r.samples.length])).toEqual([
        ['startup/run/c1', 'fake-via-node', 2],
      ]);
      const lines = (await readFile(calls, 'utf8')).trim().split('\n');
      expect(lines[0]).toMatch(
        /^--systemd-cgroup --root \S+ --log \S+ --log-format json run --bundle \S+ shipshape-bench-reftest-fake-via-node-\d+$/,
      );
      await writeFile(join(work, 'fail'), '');
      const bad = await runGroups([startupGroup(driver as NonNullable<typeof driver>, settings)]);
      expect(bad.results).toEqual([]);
      expect(bad.errors.map((e) => e.message).join('\n')).toMatch(/probe exited non-zero/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('node -e 0 is timed as startup/node-start', async () => {
    const { results, errors } = await runGroups([nodeStartGroup(settings)]);
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.id, r.engine, r.samples.length])).toEqual([[NODE_START_ID, 'node', 2]]);
    expect(Math.min(...(results[0]?.samples ?? []))).toBeGreaterThan(1); // a real process start
  });
});

const native = join(import.meta.dirname, '../../build/shiprun-init');
const canRun = process.getuid?.() === 0 && existsSync(native) && existsSync(probePath());

describe.skipIf(!canRun)('shiprun in process (needs root, build/shiprun-init and build/probe)', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'shipshape-ref-'));
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it('times create, start, wait and delete through the library and leaves nothing behind', async () => {
    const group = shiprunInProcessGroup(engine('shiprun'), { ...settings, workDir: work });
    const { results, errors } = await runGroups([group]);
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.id, r.engine, r.samples.length])).toEqual([
      ['startup/inprocess/c1', 'shiprun', 2],
    ]);
    expect(results[0]?.phases.map((p) => p.name)).toEqual(['create', 'start', 'wait', 'delete']);
    expect(await readdir(work)).toEqual([]);
    const leftovers = (await readdir('/sys/fs/cgroup/pids').catch(() => [] as string[])).filter((n) =>
      n.startsWith('shiprun-shipshape-bench-reftest'),
    );
    expect(leftovers).toEqual([]);
  });
});
