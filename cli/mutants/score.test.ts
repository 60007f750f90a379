import { describe, expect, it } from 'vitest';
import type { RunResults, TestResult } from '../../core/results/types.js';
import { controlProblems, mutationScore, scoreTable, verdictOf } from './score.js';
import type { Mutation } from './types.js';

const test = (id: string, status: TestResult['status'], message?: string): TestResult => ({
  id,
  suite: 'docker-api',
  name: id.split(' > ').pop() ?? id,
  engine: 'docker',
  status,
  durationMs: 1,
  tags: [],
  requirements: [],
  ...(message ? { message } : {}),
});
const results = (tests: TestResult[]) => ({ tests }) as unknown as RunResults;
const mutation = (name: string, expectFailing: string[]): Mutation => ({
  name,
  description: name,
  expectFailing,
});

describe('verdictOf', () => {
  it('kills a mutant only when every expected test failed, and lists collateral failures', () => {
    const run = results([test('a', 'fail'), test('b', 'fail'), test('c', 'pass'), test('d', 'fail')]);
    const killed = verdictOf(mutation('m1', ['a', 'b']), run);
    expect(killed).toMatchObject({ killed: true, survived: [], collateral: ['d'] });
    const survived = verdictOf(mutation('m2', ['a', 'c', 'x']), run);
    expect(survived.killed).toBe(false);
    expect(survived.survived).toEqual([
      { id: 'c', status: 'pass' },
      { id: 'x', status: 'absent' },
    ]);
  });
});

describe('controlProblems', () => {
  it('reports every selected test that did not pass, with its message', () => {
    const run = results([test('a', 'pass'), test('b', 'fail', 'boom'), test('c', 'skip')]);
    expect(controlProblems(['a', 'b', 'c', 'd'], run)).toEqual([
      { id: 'b', status: 'fail', message: 'boom' },
      { id: 'c', status: 'skip' },
      { id: 'd', status: 'absent' },
    ]);
  });
});

describe('mutationScore / scoreTable', () => {
  it('counts killed over total and prints one row per mutation', () => {
    const run = results([test('docker-api/x.test.ts > a', 'fail'), test('docker-api/x.test.ts > b', 'pass')]);
    const verdicts = [
      verdictOf(mutation('caught', ['docker-api/x.test.ts > a']), run),
      verdictOf(mutation('missed', ['docker-api/x.test.ts > b']), run),
    ];
    expect(mutationScore(verdicts)).toEqual({ killed: 1, total: 2, score: 0.5 });
    expect(mutationScore([])).toEqual({ killed: 0, total: 0, score: 0 });
    const table = scoreTable(verdicts);
    expect(table).toContain('| caught | x.test.ts > a | yes |  |');
    expect(table).toContain('| missed | x.test.ts > b | NO | x.test.ts > b (pass) |');
    expect(table).toContain('mutation score: 1/2');
  });
});
