import { defineConfig } from 'vitest/config';

// Two projects: `unit` holds the tests beside the code (including client tests against real peers,
// which skip when a peer is absent); `suites` holds the conformance suites, which `shipshape conform`
// runs once per engine under test.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{spec,core,cli,bench,reports,fixtures,reference-engine,scripts}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'suites',
          include: ['suites/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
