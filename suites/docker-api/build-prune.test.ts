import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

// BuildPrune: only with filters that match nothing of anyone else's (the build cache is shared).

const ctx = suiteContext({ probe: false });
const prune = { tags: ['build', 'prune'], requirements: ['docker-api:BuildPrune'] };

const pruneWith = (filters: Record<string, string[]>) =>
  ctx.client.raw('POST', '/build/prune', { query: { filters: JSON.stringify(filters) } });

describe('BuildPrune', () => {
  conformance('a filter that matches no cache record answers 200 and reclaims nothing', prune, async () => {
    const res = await pruneWith({ id: [`shipshape-${ctx.runId}-no-such-record`] });
    expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status: 200 });
    const body = res.json() as { CachesDeleted: string[] | null; SpaceReclaimed: number };
    expectValid('BuildPruneResponse', body);
    expect(body.CachesDeleted ?? []).toEqual([]);
    expect(body.SpaceReclaimed).toBe(0);
  });

  conformance('an unknown filter name answers 400 with an error body naming it', prune, async () => {
    const res = await pruneWith({ [`bogus${ctx.runId}`]: ['x'] });
    expect(res.status).toBe(400);
    expectValid('ErrorResponse', res.json());
    expect((res.json() as { message: string }).message).toContain(`bogus${ctx.runId}`);
  });
});
