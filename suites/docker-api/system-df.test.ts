import { afterAll, beforeAll, describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { suiteContext, withBinds, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

interface DataUsage {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size: number; Containers: number }[];
  Containers?: { Id: string; SizeRootFs?: number; Mounts?: { Name?: string }[] }[];
  Volumes?: { Name: string; UsageData?: { Size: number; RefCount: number } | null }[];
}

const ctx = suiteContext();
const hex = (id: string) => id.replace(/^sha256:/, '');
const fileContainer = fileContainers(ctx);
const opts = { tags: ['system', 'df'], requirements: ['docker-api:SystemDataUsage'] };
let usage: DataUsage;
let raw: unknown;
let containerId = '';
const volume = `ss-df-${Math.random().toString(16).slice(2, 10)}`;

beforeAll(async () => {
  await ctx.client.volumes.create({ Name: volume, Labels: { ...ctx.runLabels } });
  containerId = (
    await fileContainer(false, withCmd('exit', '0'), withNetworkMode('none'), withBinds(`${volume}:/data`))
  ).id;
  raw = (await ctx.client.raw('GET', '/system/df', { timeoutMs: 60_000 })).json();
  usage = raw as DataUsage;
});
afterAll(async () => {
  await ctx.client.containers.remove(containerId, { force: true }).catch(() => undefined);
  await ctx.client.volumes.remove(volume, { force: true }).catch(() => undefined);
});

describe('SystemDataUsage', () => {
  conformance('the body follows the SystemDataUsageResponse schema', opts, () => {
    expectValid('SystemDataUsageResponse', raw);
  });

  conformance('our image is listed with its tag, size and one container', opts, async () => {
    const image = usage.Images?.find((i) => hex(i.Id) === hex(ctx.imageId));
    expect(image?.RepoTags).toContain(ctx.image);
    expect(image?.Size).toBe((await ctx.client.images.inspect(ctx.imageId)).Size);
    expect(image?.Containers).toBeGreaterThanOrEqual(1);
  });

  conformance('LayersSize covers our image', opts, () => {
    const image = usage.Images?.find((i) => hex(i.Id) === hex(ctx.imageId));
    expect(usage.LayersSize).toBeGreaterThanOrEqual(image?.Size ?? Number.POSITIVE_INFINITY);
  });

  conformance('our container is listed', opts, () => {
    expect(usage.Containers?.some((c) => c.Id === containerId)).toBe(true);
  });

  conformance('our volume is listed with UsageData: one reference, a size', opts, () => {
    const entry = usage.Volumes?.find((v) => v.Name === volume);
    expect(entry?.UsageData?.RefCount).toBe(1);
    expect(entry?.UsageData?.Size).toBeGreaterThanOrEqual(0);
  });
});
