import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPRUN_CLI } from '../../core/repo-root.js';
import { embeddedEngines, SHIPRUN_INIT } from './embedded-engines.js';

const host = (isRoot: boolean, present: string[]) => ({
  isRoot,
  exists: (p: string) => present.some((f) => p === join('/r', f)),
});

describe('embeddedEngines', () => {
  it('offers shiprun when it is built and we are root', () => {
    const e = embeddedEngines('/r', host(true, [SHIPRUN_CLI, SHIPRUN_INIT]));
    expect(e.unavailable).toEqual([]);
    expect(e.endpoints).toEqual([
      expect.objectContaining({ name: 'shiprun', family: 'runtime-cli', address: join('/r', SHIPRUN_CLI) }),
    ]);
  });

  it.each([
    ['the CLI is not built', host(true, [SHIPRUN_INIT]), /shiprun\.cjs is missing: run `npm run build`/],
    ['the native init is not built', host(true, [SHIPRUN_CLI]), /shiprun-init is missing.*libseccomp-dev/],
    ['not root', host(false, [SHIPRUN_CLI, SHIPRUN_INIT]), /needs root/],
  ])('leaves shiprun out with the reason when %s', (_, h, reason) => {
    const e = embeddedEngines('/r', h);
    expect(e.endpoints).toEqual([]);
    expect(e.unavailable).toEqual([{ name: 'shiprun', reason: expect.stringMatching(reason) }]);
  });
});
