import type { TestResult } from '../../core/results/types.js';

/** Test support: one test result as reports see it (1.5 s, tag `smoke`, requirement `REQ-1`). */
export const fixtureTest = (
  engine: string,
  suite: string,
  name: string,
  status: TestResult['status'],
  message?: string,
): TestResult => ({
  id: `${suite}/a.test.ts > grp > ${name}`,
  suite,
  name,
  engine,
  status,
  durationMs: 1500,
  tags: ['smoke'],
  requirements: ['REQ-1'],
  ...(message ? { message } : {}),
});

/** Test support: a Docker-API engine description named `name`. */
export const fixtureEngine = (name: string) => ({
  name,
  family: 'docker-api' as const,
  address: `unix:///${name}.sock`,
  source: 'test',
  product: name,
  version: '1.0',
  capabilities: [],
});
