import { describe, expect } from 'vitest';
import { conformance, waitFor } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  createContainer,
  isPaused,
  RUN_LABEL,
  runContainer,
  runSigwait,
  runToExit,
  suiteContext,
  withCmd,
  withLabels,
} from './support/index.js';

const ctx = suiteContext();
const list = { tags: ['containers', 'list'], requirements: ['docker-api:ContainerList'] };

/** Ids listed with these filters (always restricted to this file's containers). */
async function listed(filters: Readonly<Record<string, readonly string[]>>, all = true): Promise<string[]> {
  const label = [...(filters.label ?? []), `${RUN_LABEL}=${ctx.runId}`];
  const found = await ctx.client.containers.list({ all, filters: { ...filters, label } });
  return found.map((c) => c.Id ?? '');
}

/** One container in each of created, running, exited(3), paused. */
async function zoo() {
  const created = await createContainer(ctx, withCmd('exit', '0'));
  const running = await runContainer(ctx, withCmd('sigwait'));
  const exited = await runToExit(ctx, [withCmd('exit', '3')]);
  const paused = await runSigwait(ctx);
  await ctx.client.containers.pause(paused.id);
  await waitFor(isPaused(ctx, paused.id), { timeoutMs: 10_000, describe: 'paused' });
  return { created: created.id, running: running.id, exited: exited.id, paused: paused.id };
}

describe('ContainerList', () => {
  conformance('without all only running containers are listed', list, async () => {
    const z = await zoo();
    const ids = await listed({}, false);
    expect(ids).toContain(z.running);
    expect(ids).not.toContain(z.created);
    expect(ids).not.toContain(z.exited);
  });

  conformance('all=1 lists created, running, exited and paused containers', list, async () => {
    const z = await zoo();
    expect(await listed({})).toEqual(expect.arrayContaining(Object.values(z)));
  });

  conformance('filters by status (each status matches only its own)', list, async () => {
    const z = await zoo();
    for (const status of ['created', 'running', 'exited', 'paused'] as const) {
      expect({ status, ids: await listed({ status: [status] }) }).toEqual({ status, ids: [z[status]] });
    }
  });

  conformance('filters by exited code', list, async () => {
    const z = await zoo();
    expect(await listed({ exited: ['3'] })).toEqual([z.exited]);
    expect(await listed({ exited: ['4'] })).toEqual([]);
  });

  conformance('filters by label key and key=value', list, async () => {
    const a = await createContainer(ctx, withLabels({ 'test.colour': 'red' }));
    const b = await createContainer(ctx, withLabels({ 'test.colour': 'blue' }));
    const c = await createContainer(ctx);
    expect((await listed({ label: ['test.colour'] })).sort()).toEqual([a.id, b.id].sort());
    expect(await listed({ label: ['test.colour=blue'] })).toEqual([b.id]);
    expect(await listed({})).toContain(c.id);
  });

  conformance('filters by name', list, async () => {
    const a = await createContainer(ctx);
    await createContainer(ctx);
    expect(await listed({ name: [a.name] })).toEqual([a.id]);
  });

  conformance('filters by id prefix', list, async () => {
    const a = await createContainer(ctx);
    await createContainer(ctx);
    expect(await listed({ id: [a.id.slice(0, 20)] })).toEqual([a.id]);
  });

  conformance('filters by ancestor image reference', list, async () => {
    const a = await createContainer(ctx);
    expect(await listed({ ancestor: [ctx.image] })).toEqual([a.id]);
    expect(await listed({ ancestor: [`${ctx.image}-nope`] })).toEqual([]);
  });

  conformance('filters by ancestor image ID (sha256:…)', list, async () => {
    const a = await createContainer(ctx);
    expect(await listed({ ancestor: [ctx.imageId] })).toEqual([a.id]);
  });

  conformance('limit gives the most recently created containers', list, async () => {
    await createContainer(ctx);
    const b = await createContainer(ctx);
    const c = await createContainer(ctx);
    const found = await ctx.client.containers.list({
      all: true,
      limit: 2,
      filters: { label: [`${RUN_LABEL}=${ctx.runId}`] },
    });
    expect(found.map((x) => x.Id).sort()).toEqual([b.id, c.id].sort());
  });

  conformance('a summary has the documented fields', list, async () => {
    const { id, name } = await runToExit(ctx, [withCmd('exit', '0'), withLabels({ 'test.summary': 'yes' })]);
    const [summary] = await ctx.client.containers.list({ all: true, filters: { id: [id] } });
    expectValid('ContainerSummary', summary);
    expect(summary).toMatchObject({
      Id: id,
      Names: [`/${name}`],
      Image: ctx.image,
      State: 'exited',
      Labels: expect.objectContaining({ 'test.summary': 'yes' }),
    });
    expect(summary?.ImageID).toBe(ctx.imageId);
    expect(summary?.Command).toContain('/bin/probe');
    expect(typeof summary?.Created).toBe('number');
    expect(summary?.Status).toMatch(/^Exited \(0\)/);
    expect(Array.isArray(summary?.Ports)).toBe(true);
    expect(Array.isArray(summary?.Mounts)).toBe(true);
  });

  conformance('size=1 adds SizeRw and SizeRootFs', list, async () => {
    const { id } = await runToExit(ctx, [withCmd('write', '/tmp/ten', '0123456789')]);
    const [summary] = await ctx.client.containers.list({ all: true, size: true, filters: { id: [id] } });
    expect(summary?.SizeRw).toBeGreaterThanOrEqual(10);
    expect(summary?.SizeRootFs).toBeGreaterThan(summary?.SizeRw ?? 0);
  });
});
