import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: `unit` holds the tests beside the code (including client tests against real peers,
// which skip when a peer is absent); `suites` holds the conformance suites, which `shipshape conform`
// runs once per engine under test. A `*.unit.test.ts` under suites/ checks a suite's own tables without
// an engine (some against the spec copies of a dev machine): a unit test, not run by conform nor packed.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{spec,core,cli,bench,reports,fixtures,reference-engine,scripts}/**/*.test.ts',
            'suites/**/*.unit.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'suites',
          include: ['suites/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'suites/**/*.unit.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // a file's tests run one at a time unless it says `describe.concurrent`; those mostly wait
          maxConcurrency: 10,
          // one worker runs the files in turn and imports the shared support modules once, not per file
          isolate: false,
        },
      },
    ],
  },
});
