import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { ContainerStats } from '../../core/engines/docker-api/index.js';
import { JsonSplitter } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  createContainer,
  engineStatus,
  runSigwait,
  runToExit,
  suiteContext,
  withCmd,
  withLabels,
  withMemory,
  withPidsLimit,
  withTty,
} from './support/index.js';

const ctx = suiteContext();
const stats = { tags: ['containers', 'stats'], requirements: ['docker-api:ContainerStats'], timeout: 45_000 };
const prune = { tags: ['containers', 'prune'], requirements: ['docker-api:ContainerPrune'] };
const resize = { tags: ['containers', 'resize'], requirements: ['docker-api:ContainerResize'] };

describe('ContainerStats', () => {
  conformance('a one-shot sample of a running container', stats, async () => {
    const { id, name } = await runSigwait(ctx);
    const sample = await ctx.client.containers.stats(id);
    expect(Date.parse(sample.read ?? '')).toBeGreaterThan(Date.now() - 120_000);
    expect(sample.pids_stats?.current).toBeGreaterThanOrEqual(1);
    expect(sample.memory_stats?.usage).toBeGreaterThan(0);
    expect(sample.cpu_stats?.cpu_usage?.total_usage).toBeGreaterThan(0);
    expect(sample.name).toBe(`/${name}`);
    expect(sample.id).toBe(id);
  });

  conformance('the sample shows the memory and pids limits of the container', stats, async () => {
    const { id } = await runSigwait(ctx, withMemory(72 * 1024 * 1024), withPidsLimit(42));
    const sample = await ctx.client.containers.stats(id);
    expect(sample.memory_stats?.limit).toBe(72 * 1024 * 1024);
    expect(sample.pids_stats?.limit).toBe(42);
  });

  conformance('stream=0 without one-shot carries a previous sample (precpu_stats)', stats, async () => {
    const { id } = await runSigwait(ctx);
    const res = await ctx.client.raw('GET', `/containers/${id}/stats`, {
      query: { stream: '0' },
      timeoutMs: 20_000,
    });
    expect(res.status).toBe(200);
    const sample = res.json() as ContainerStats & { precpu_stats?: { cpu_usage?: { total_usage?: number } } };
    expect(sample.precpu_stats?.cpu_usage?.total_usage).toBeGreaterThan(0);
    expect(Date.parse(sample.preread ?? '')).toBeLessThan(Date.parse(sample.read ?? ''));
  });

  conformance('the stream gives successive samples (two read, then closed)', stats, async () => {
    const { id } = await runSigwait(ctx);
    const res = await ctx.client.rawStream('GET', `/containers/${id}/stats`, {
      query: { stream: '1' },
      streamTimeoutMs: 20_000,
    });
    expect(res.status).toBe(200);
    const samples: ContainerStats[] = [];
    const splitter = new JsonSplitter();
    try {
      for await (const chunk of res.body) {
        for (const value of splitter.push(chunk as Buffer)) samples.push(value as ContainerStats);
        if (samples.length >= 2) break;
      }
    } finally {
      res.abort();
    }
    expect(samples.length).toBeGreaterThanOrEqual(2);
    const [a, b] = samples;
    expect(Date.parse(b?.read ?? '')).toBeGreaterThan(Date.parse(a?.read ?? ''));
  });

  conformance('stats of an unknown container answer 404', stats, async () => {
    expect(await engineStatus(ctx.client.containers.stats(`ss-${ctx.runId}-missing`))).toBe(404);
  });
});

describe('ContainerPrune', () => {
  conformance('removes stopped containers matching the label filter, only those', prune, async () => {
    const mark = { 'io.shipshape.prune': randomBytes(6).toString('hex') };
    const a = await runToExit(ctx, [withLabels(mark), withCmd('exit', '0')]);
    const b = await createContainer(ctx, withLabels(mark));
    const running = await runSigwait(ctx, withLabels(mark));
    const other = await runToExit(ctx, [withCmd('exit', '0')]);
    const label = `io.shipshape.prune=${mark['io.shipshape.prune']}`;
    const res = await ctx.client.raw('POST', '/containers/prune', {
      query: { filters: JSON.stringify({ label: [label] }) },
    });
    expect(res.status).toBe(200);
    expectValid('ContainerPruneResponse', res.json());
    const body = res.json() as { ContainersDeleted: string[] | null; SpaceReclaimed: number };
    expect((body.ContainersDeleted ?? []).sort()).toEqual([a.id, b.id].sort());
    expect(typeof body.SpaceReclaimed).toBe('number');
    expect((await ctx.client.raw('GET', `/containers/${running.id}/json`)).status).toBe(200);
    expect((await ctx.client.raw('GET', `/containers/${other.id}/json`)).status).toBe(200);
    expect((await ctx.client.raw('GET', `/containers/${a.id}/json`)).status).toBe(404);
  });

  conformance('label!= keeps the containers that carry the label', prune, async () => {
    const mark = randomBytes(6).toString('hex');
    const kept = await runToExit(ctx, [
      withLabels({ 'io.shipshape.prune': mark, keep: 'yes' }),
      withCmd('exit', '0'),
    ]);
    const gone = await runToExit(ctx, [withLabels({ 'io.shipshape.prune': mark }), withCmd('exit', '0')]);
    const res = await ctx.client.raw('POST', '/containers/prune', {
      query: { filters: JSON.stringify({ label: [`io.shipshape.prune=${mark}`], 'label!': ['keep'] }) },
    });
    const body = res.json() as { ContainersDeleted: string[] | null };
    expect(body.ContainersDeleted).toEqual([gone.id]);
    expect((await ctx.client.raw('GET', `/containers/${kept.id}/json`)).status).toBe(200);
  });
});

describe('ContainerResize', () => {
  conformance('resizing the TTY of a running container succeeds', resize, async () => {
    const { id } = await runSigwait(ctx, withTty());
    const res = await ctx.client.raw('POST', `/containers/${id}/resize`, { query: { h: '40', w: '120' } });
    expect(res.status).toBe(200);
  });

  conformance('resizing an unknown container answers 404', resize, async () => {
    const res = await ctx.client.raw('POST', `/containers/ss-${ctx.runId}-missing/resize`, {
      query: { h: '40', w: '120' },
    });
    expect(res.status).toBe(404);
  });
});
