import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../core/repo-root.js';

// vitest records no reason for a test skipped by describe.skipIf/runIf, test.skip or a bare ctx.skip():
// the runner reports such a skip as a failure (test-result.ts), and the suites do not write one. A suite
// skips with ctx.skip(reason), a missing capability, or a beforeEach that calls ctx.skip(reason).
const REASONLESS = [
  /\b(describe|suite|test|it)\.(skipIf|runIf)\s*\(/,
  /\b(describe|suite|test|it)\.(skip|todo)\s*\(/,
  /\.skip\(\s*\)/,
];

/** `file:line: text` of each line of the suites that would skip without a reason. */
export async function reasonlessSkips(suitesDir: string): Promise<string[]> {
  const entries = await readdir(suitesDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.unit.test.ts'))
    .map((e) => join(e.parentPath, e.name));
  const found: string[] = [];
  for (const file of files.sort()) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (REASONLESS.some((re) => re.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('skip reasons in the suites', () => {
  it('no suite skips without a reason (describe.skipIf, test.skip, a bare ctx.skip())', async () => {
    expect(await reasonlessSkips(join(repoRoot(), 'suites'))).toEqual([]);
  });

  it('finds each reasonless form', async () => {
    const lines = [
      "describe.skipIf(!isRoot)('x', () => {});",
      "it.runIf(ok)('y', () => {});",
      "test.skip('z', () => {});",
      'ctx.skip();',
      "ctx.skip('a reason');",
      'beforeEach((t) => { if (why) t.skip(why); });',
    ];
    const hits = lines.filter((l) => REASONLESS.some((re) => re.test(l)));
    expect(hits).toEqual(lines.slice(0, 4));
  });
});
