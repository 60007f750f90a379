import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Filters } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, suiteContext, withBinds, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const list = { tags: ['volumes'], requirements: ['docker-api:VolumeList'], needs: ['volumes' as const] };
const prune = {
  tags: ['volumes', 'prune'],
  requirements: ['docker-api:VolumePrune'],
  needs: ['volumes' as const],
};
const names = { used: '', unused: '', gold: '' };
/** Only used and unused carry it: a prune filtered by this one label (unique to the run) touches only them. */
const PRUNE_LABEL = 'org.shipshape.volume-prune';
let user = '';

beforeAll(async () => {
  for (const key of ['used', 'unused', 'gold'] as const) {
    names[key] = ctx.uniqueName(`vl-${key}`);
    const prunable: Record<string, string> = key === 'gold' ? {} : { [PRUNE_LABEL]: ctx.runId };
    await ctx.client.volumes.create({
      Name: names[key],
      Labels: { ...ctx.runLabels, ...prunable, tier: key === 'gold' ? 'gold' : 'plain' },
    });
  }
  user = (
    await fileContainer(
      false,
      withBinds(`${names.used}:/data`),
      withNetworkMode('none'),
      withCmd('exit', '0'),
    )
  ).id;
});
afterAll(async () => {
  await ctx.client.containers.remove(user, { force: true }).catch(() => undefined);
  for (const name of Object.values(names))
    await ctx.client.volumes.remove(name, { force: true }).catch(() => undefined);
});

const runLabel = () => `${Object.keys(ctx.runLabels)[0]}=${ctx.runId}`;
/** Which of our volumes (by key) the list holds. */
async function ours(filters: Filters): Promise<string[]> {
  const found = (await ctx.client.volumes.list(filters)).Volumes ?? [];
  return Object.entries(names)
    .filter(([, n]) => found.some((v) => v.Name === n))
    .map(([k]) => k)
    .sort();
}

describe('VolumeList', () => {
  conformance('the body follows VolumeListResponse', list, async () => {
    const res = await ctx.client.raw('GET', '/volumes', {
      query: { filters: JSON.stringify({ label: [runLabel()] }) },
    });
    expectValid('VolumeListResponse', res.json());
  });
  conformance('name=NAME finds the volume', list, async () => {
    expect(await ours({ name: [names.gold] })).toEqual(['gold']);
  });
  conformance('label=KEY=VALUE selects our volumes', list, async () => {
    expect(await ours({ label: [runLabel()] })).toEqual(['gold', 'unused', 'used']);
  });
  conformance('two label filters must both hold', list, async () => {
    expect(await ours({ label: [runLabel(), 'tier=gold'] })).toEqual(['gold']);
  });
  conformance('dangling=true lists volumes no container uses', list, async () => {
    expect(await ours({ dangling: ['true'] })).toEqual(['gold', 'unused']);
  });
  conformance('dangling=false lists volumes in use', list, async () => {
    expect(await ours({ dangling: ['false'] })).toEqual(['used']);
  });
  conformance('driver=local matches our volumes', list, async () => {
    expect(await ours({ driver: ['local'] })).toEqual(['gold', 'unused', 'used']);
  });
  conformance('label and dangling filters combine (both must hold)', list, async () => {
    expect(await ours({ label: [runLabel()], dangling: ['false'] })).toEqual(['used']);
  });
});

describe('VolumePrune', () => {
  conformance(
    'with a label filter removes the unused labelled volume only, and keeps the used one',
    prune,
    async () => {
      const res = await ctx.client.raw('POST', '/volumes/prune', {
        query: { filters: JSON.stringify({ label: [`${PRUNE_LABEL}=${ctx.runId}`] }) },
      });
      expect(res.status).toBe(200);
      const body = res.json() as { VolumesDeleted: string[] | null };
      expectValid('VolumePruneResponse', body);
      expect(body.VolumesDeleted ?? []).toEqual([names.unused]);
      expect(await engineStatus(ctx.client.volumes.inspect(names.unused))).toBe(404);
      expect(await engineStatus(ctx.client.volumes.inspect(names.used))).toBe(200);
      expect(await engineStatus(ctx.client.volumes.inspect(names.gold))).toBe(200);
    },
  );
});
