import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { type CreateOption, runSigwait, suiteContext, withMemory } from './support/index.js';

const ctx = suiteContext();
const update = {
  tags: ['containers', 'update'],
  requirements: ['docker-api:ContainerUpdate'],
  needs: ['exec'] as const,
};

/** A running container and a way to read one of its cgroup files (v1 path, else v2) from inside. */
async function running(...opts: CreateOption[]) {
  const { id } = await runSigwait(ctx, ...opts);
  const read = async (v1: string, v2: string) => {
    const cmd = `read /sys/fs/cgroup/${v1} || read /sys/fs/cgroup/${v2}`;
    const run = await ctx.client.exec.run(id, ['/bin/probe', 'sh', '-c', cmd], { timeoutMs: 15_000 });
    const doc = run.stdout
      .toString('utf8')
      .split('\n')
      .filter((l) => l.includes('"content"'))
      .map((l) => JSON.parse(l) as { content: string })[0];
    return doc?.content.trim();
  };
  return { id, read };
}

describe('ContainerUpdate', () => {
  conformance('Memory of a running container changes its cgroup limit', update, async () => {
    const c = await running(withMemory(64 * 1024 * 1024, -1));
    const bytes = 80 * 1024 * 1024;
    await ctx.client.containers.update(c.id, { Memory: bytes, MemorySwap: -1 });
    expect(await c.read('memory/memory.limit_in_bytes', 'memory.max')).toBe(String(bytes));
    expect((await ctx.client.containers.inspect(c.id)).HostConfig?.Memory).toBe(bytes);
  });

  conformance('PidsLimit of a running container changes pids.max', update, async () => {
    const c = await running();
    await ctx.client.containers.update(c.id, { PidsLimit: 55 });
    expect(await c.read('pids/pids.max', 'pids.max')).toBe('55');
    expect((await ctx.client.containers.inspect(c.id)).HostConfig?.PidsLimit).toBe(55);
  });

  conformance('CpuShares of a running container changes cpu.shares', update, async () => {
    const c = await running();
    await ctx.client.containers.update(c.id, { CpuShares: 256 });
    const value = await c.read('cpu/cpu.shares', 'cpu.weight');
    expect(['256', String(1 + Math.floor(((256 - 2) * 9999) / 262142))]).toContain(value);
  });

  conformance('RestartPolicy can be updated', update, async () => {
    const c = await running();
    await ctx.client.containers.update(c.id, { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } });
    expect((await ctx.client.containers.inspect(c.id)).HostConfig?.RestartPolicy).toMatchObject({
      Name: 'on-failure',
      MaximumRetryCount: 2,
    });
  });

  conformance('the answer carries a Warnings array', update, async () => {
    const c = await running();
    const res = await ctx.client.raw('POST', `/containers/${c.id}/update`, { body: { PidsLimit: 99 } });
    expect(res.status).toBe(200);
    const body = res.json() as { Warnings?: unknown };
    expect(body.Warnings === null || Array.isArray(body.Warnings)).toBe(true);
  });
});
