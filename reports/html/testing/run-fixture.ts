import { buildResults } from '../../../core/results/build.js';
import type { RunResults } from '../../../core/results/types.js';
import { fixtureEngine, fixtureTest } from '../../testing/fixture-parts.js';

/** Test support: a hand-made run on two engines with every status, hostile names and coverage. */
export const HOSTILE = '<script>alert("x")</script> & co';

const t = fixtureTest;
const engine = fixtureEngine;

export function fixtureRun(): RunResults {
  const run = buildResults({
    startedAt: new Date('2025-01-01T00:00:00Z'),
    finishedAt: new Date('2025-01-01T00:01:00Z'),
    engines: [engine('docker'), engine('podman')],
    tests: [
      t('docker', 'basics', 'ok', 'pass'),
      t('docker', 'basics', 'ok too', 'pass'),
      t('docker', 'basics', HOSTILE, 'fail', 'expected 200 <got> 500 & "boom"\n\x1b[31mstack\x1b[39m line'),
      t('docker', 'lifecycle', 'later', 'skip', 'engine lacks capability exec'),
      t('podman', 'basics', 'ok', 'pass'),
      t('podman', 'basics', 'known', 'xfail', 'podman answers 500 <b>bold</b>'),
      t('podman', 'basics', 'fixed', 'xpass', 'was broken once'),
    ],
    errors: [{ engine: 'podman', message: 'vitest crashed: <oom> & more' }],
  });
  run.coverage = [
    {
      suite: 'basics',
      engine: 'docker',
      levels: { MUST: { tested: 3, total: 4 }, SHOULD: { tested: 1, total: 1 } },
      untestedMust: ['API-<7>'],
    },
  ];
  return run;
}
