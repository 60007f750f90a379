import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';
import { SUITE_FAMILIES } from '../suites/support/suites.js';
import { existingSuites } from './runner/plan.js';

describe('README', () => {
  it('documents the tags of every suite, and the commands and flags of the CLI', async () => {
    const readme = await readFile(join(projectRoot(), 'README.md'), 'utf8');
    const tags = readme.split('### Tags')[1]?.split('\n## ')[0] ?? '';
    for (const suite of (await existingSuites(projectRoot())).filter((s) => s in SUITE_FAMILIES)) {
      expect(tags, suite).toMatch(new RegExp(`^\\| \`${suite}\` \\| [^|]+ \\| \`[a-z]`, 'm'));
    }
    for (const flag of [
      '--list',
      '--bail',
      '--quiet',
      '--verbose',
      '--expectations',
      'shipshape.yaml',
      'compare',
      'clean',
    ]) {
      expect(readme).toContain(flag);
    }
  });
});
