import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  createContainer,
  runContainer,
  runSigwait,
  suiteContext,
  waitReady,
  withAutoRemove,
  withCmd,
} from './support/index.js';

const ctx = suiteContext();
const wait = { tags: ['containers', 'wait'], requirements: ['docker-api:ContainerWait'], timeout: 45_000 };

/** POST wait as a stream: resolves once the engine has answered the head (the wait is registered). */
async function startWait(id: string, condition?: string) {
  const res = await ctx.client.rawStream('POST', `/containers/${id}/wait`, {
    query: { condition },
    timeoutMs: 10_000,
    streamTimeoutMs: 30_000,
  });
  const body = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { StatusCode: number; Error?: unknown };
  })();
  return { status: res.status, body };
}

describe('ContainerWait', () => {
  conformance('returns the exit code once the container exits', wait, async () => {
    const { id } = await runContainer(ctx, withCmd('sh', '-c', 'sleep 0.5 && exit 42'));
    const res = await ctx.client.containers.wait(id, undefined, { timeoutMs: 20_000 });
    expectValid('ContainerWaitResponse', res);
    expect(res.StatusCode).toBe(42);
    expect(res.Error ?? null).toBeNull();
  });

  conformance('not-running on a stopped container answers at once', wait, async () => {
    const { id } = await runContainer(ctx, withCmd('exit', '5'));
    await ctx.client.containers.wait(id);
    const res = await ctx.client.containers.wait(id, 'not-running', { timeoutMs: 5_000 });
    expect(res.StatusCode).toBe(5);
  });

  conformance('the wait is acknowledged (200 head) before the container exits', wait, async () => {
    const { id } = await runContainer(ctx, withCmd('sigwait', '--exit-on', 'SIGUSR2', '--code', '12'));
    await waitReady(ctx, id);
    const pending = await startWait(id, 'not-running');
    expect(pending.status).toBe(200);
    expect((await ctx.client.containers.inspect(id)).State?.Running).toBe(true);
    await ctx.client.containers.kill(id, 'SIGUSR2');
    expect((await pending.body).StatusCode).toBe(12);
  });

  conformance('next-exit on a created container waits for its run to end', wait, async () => {
    const { id } = await createContainer(ctx, withCmd('exit', '3'));
    const pending = await startWait(id, 'next-exit');
    expect(pending.status).toBe(200);
    await ctx.client.containers.start(id);
    expect((await pending.body).StatusCode).toBe(3);
  });

  conformance('next-exit on an exited container waits for the next run', wait, async () => {
    const { id } = await createContainer(ctx, withCmd('sigwait', '--exit-on', 'SIGTERM', '--code', '21'));
    await ctx.client.containers.start(id);
    await waitReady(ctx, id);
    await ctx.client.containers.kill(id, 'SIGTERM');
    await ctx.client.containers.wait(id);
    const pending = await startWait(id, 'next-exit');
    await ctx.client.containers.start(id);
    await ctx.client.containers.kill(id);
    expect((await pending.body).StatusCode).toBe(137);
  });

  conformance('removed waits until an AutoRemove container is gone', wait, async () => {
    const { id } = await createContainer(
      ctx,
      withAutoRemove(),
      withCmd('sigwait', '--exit-on', 'SIGTERM', '--code', '2'),
    );
    const pending = await startWait(id, 'removed');
    expect(pending.status).toBe(200);
    await ctx.client.containers.start(id);
    await waitReady(ctx, id);
    await ctx.client.containers.kill(id, 'SIGTERM');
    expect((await pending.body).StatusCode).toBe(2);
    expect((await ctx.client.raw('GET', `/containers/${id}/json`)).status).toBe(404);
  });

  conformance('removed returns once a force remove took the container', wait, async () => {
    const { id } = await runSigwait(ctx);
    const pending = await startWait(id, 'removed');
    await ctx.client.containers.remove(id, { force: true });
    expect((await pending.body).StatusCode).toBe(137);
  });
});
