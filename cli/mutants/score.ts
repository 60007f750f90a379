import type { RunResults, TestStatus } from '../../core/results/types.js';
import type { Mutation } from './types.js';

/** Whether the suite caught one mutation: killed when every expected test failed. */
export interface MutantVerdict {
  readonly mutation: string;
  readonly expected: readonly string[];
  /** Expected tests that did not fail, with what they did (`absent`: not in the results). */
  readonly survived: readonly { id: string; status: TestStatus | 'absent' }[];
  /** Tests that failed beyond the expected ones (collateral damage of the mutation). */
  readonly collateral: readonly string[];
  readonly killed: boolean;
}

const statusOf = (results: RunResults, engine: string | undefined) => {
  const map = new Map<string, TestStatus>();
  for (const t of results.tests) if (engine === undefined || t.engine === engine) map.set(t.id, t.status);
  return map;
};

/** The verdict for `mutation` from a run against its proxy (`engine`: its name in the results). */
export function verdictOf(mutation: Mutation, results: RunResults, engine?: string): MutantVerdict {
  const status = statusOf(results, engine);
  const survived = mutation.expectFailing
    .map((id) => ({ id, status: status.get(id) ?? ('absent' as const) }))
    .filter((s) => s.status !== 'fail');
  const expected = new Set(mutation.expectFailing);
  const collateral = [...status].filter(([id, s]) => s === 'fail' && !expected.has(id)).map(([id]) => id);
  return {
    mutation: mutation.name,
    expected: mutation.expectFailing,
    survived,
    collateral,
    killed: survived.length === 0,
  };
}

/** Tests among `ids` that did not pass on the control (a faithful proxy): each makes the run invalid. */
export function controlProblems(
  ids: readonly string[],
  results: RunResults,
  engine?: string,
): { id: string; status: TestStatus | 'absent'; message?: string }[] {
  const byId = new Map(
    results.tests.filter((t) => engine === undefined || t.engine === engine).map((t) => [t.id, t]),
  );
  return [...new Set(ids)]
    .map((id) => {
      const t = byId.get(id);
      return t
        ? { id, status: t.status, ...(t.message ? { message: t.message } : {}) }
        : { id, status: 'absent' as const };
    })
    .filter((p) => p.status !== 'pass');
}

export function mutationScore(verdicts: readonly MutantVerdict[]): {
  killed: number;
  total: number;
  score: number;
} {
  const killed = verdicts.filter((v) => v.killed).length;
  const total = verdicts.length;
  return { killed, total, score: total === 0 ? 0 : killed / total };
}

/** A markdown table: mutation, expected failing tests, killed, and what survived. */
export function scoreTable(verdicts: readonly MutantVerdict[]): string {
  const short = (id: string) => id.replace(/^docker-api\//, '');
  const rows = verdicts.map((v) => {
    const left = v.survived.map((s) => `${short(s.id)} (${s.status})`).join('; ');
    return `| ${v.mutation} | ${v.expected.map(short).join('<br>')} | ${v.killed ? 'yes' : 'NO'} | ${left} |`;
  });
  const { killed, total } = mutationScore(verdicts);
  return [
    '| mutation | tests expected to fail | killed | survived |',
    '|---|---|---|---|',
    ...rows,
    '',
    `mutation score: ${killed}/${total}`,
    '',
  ].join('\n');
}
