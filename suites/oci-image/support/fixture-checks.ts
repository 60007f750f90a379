import { expect } from 'vitest';
import { MULTILAYER_EXPECT } from '../../../fixtures/images/index.js';
import type { ProbeFixture } from './loaded-fixtures.js';

/** A probe command for a fixture and the assertions on its output, checked from inside the container. */
export interface FixtureCheck {
  readonly args: readonly string[];
  readonly verify: (stdout: string) => void;
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const multilayerCommand = [
  ...MULTILAYER_EXPECT.present.map((p) => `stat ${p}`),
  ...MULTILAYER_EXPECT.absent.map((p) => `stat ${p}`),
  ...Object.keys(MULTILAYER_EXPECT.contents).map((p) => `read ${p}`),
].join('; ');

export const FIXTURE_CHECKS: Readonly<Record<ProbeFixture, FixtureCheck>> = {
  probe: {
    args: ['report', 'user', 'cwd'],
    verify: (stdout) => {
      const [report] = jsonLines(stdout);
      expect(report).toMatchObject({ user: { uid: 0, gid: 0 }, cwd: '/' });
    },
  },
  'probe-multilayer': {
    args: ['sh', '-c', multilayerCommand],
    verify: (stdout) => {
      const docs = jsonLines(stdout);
      const stats = new Map(docs.filter((d) => d.stat).map((d) => [(d.stat as { path: string }).path, d]));
      const missing = new Map(docs.filter((d) => d.op === 'stat').map((d) => [String(d.path), d.error]));
      for (const p of MULTILAYER_EXPECT.present) expect(stats.has(p), `${p} must exist`).toBe(true);
      for (const p of MULTILAYER_EXPECT.absent) expect(missing.get(p), `${p} must be gone`).toBe('ENOENT');
      const contents = Object.fromEntries(docs.filter((d) => 'content' in d).map((d) => [d.path, d.content]));
      expect(contents).toEqual(MULTILAYER_EXPECT.contents);
    },
  },
  'probe-config': {
    args: ['report', 'env', 'cwd', 'user'],
    verify: (stdout) => {
      const [report] = jsonLines(stdout);
      expect(report).toMatchObject({ cwd: '/work', user: { uid: 1000, gid: 1000 } });
      expect(report?.env).toEqual(
        expect.arrayContaining(['GREETING=hello world', 'SHIPSHAPE_FIXTURE=probe-config']),
      );
    },
  },
};
