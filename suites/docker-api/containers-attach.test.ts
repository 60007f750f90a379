import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  createContainer,
  engineStatus,
  suiteContext,
  withCmd,
  withOpenStdin,
  withTty,
} from './support/index.js';

const ctx = suiteContext();
const attach = {
  tags: ['containers', 'attach'],
  requirements: ['docker-api:ContainerAttach'],
  timeout: 30_000,
};

describe('ContainerAttach', () => {
  conformance('streams stdout and stderr apart from a container attached before start', attach, async () => {
    const { id } = await createContainer(ctx, withCmd('sh', '-c', 'echo out && stderr err && exit 4'));
    const session = await ctx.client.containers.attach(id, { streamTimeoutMs: 20_000 });
    try {
      expect([101, 200]).toContain(session.status);
      await ctx.client.containers.start(id);
      const out = await session.collect();
      expect(out.stdout.toString()).toBe('out\n');
      expect(out.stderr.toString()).toBe('err\n');
    } finally {
      session.close();
    }
    expect((await ctx.client.containers.wait(id)).StatusCode).toBe(4);
  });

  conformance('stdin reaches the process and its EOF ends a StdinOnce container', attach, async () => {
    const { id } = await createContainer(ctx, withOpenStdin(), withCmd('sh'));
    const session = await ctx.client.containers.attach(id, { stdin: true, streamTimeoutMs: 20_000 });
    try {
      await ctx.client.containers.start(id);
      await session.write('echo hello from stdin\nstderr to stderr\n');
      session.closeStdin();
      const out = await session.collect();
      expect(out.stdout.toString()).toBe('hello from stdin\n');
      expect(out.stderr.toString()).toBe('to stderr\n');
    } finally {
      session.close();
    }
    expect((await ctx.client.containers.wait(id)).StatusCode).toBe(0);
  });

  conformance('the exit status of stdin commands is the container exit code', attach, async () => {
    const { id } = await createContainer(ctx, withOpenStdin(), withCmd('sh'));
    const session = await ctx.client.containers.attach(id, { stdin: true, streamTimeoutMs: 20_000 });
    try {
      await ctx.client.containers.start(id);
      await session.write('exit 7\n');
      await session.collect();
    } finally {
      session.close();
    }
    expect((await ctx.client.containers.wait(id)).StatusCode).toBe(7);
  });

  conformance('a TTY container attaches as one raw stream', attach, async () => {
    const { id } = await createContainer(ctx, withTty(), withCmd('sh', '-c', 'echo out && stderr err'));
    const session = await ctx.client.containers.attach(id, { streamTimeoutMs: 20_000 });
    try {
      await ctx.client.containers.start(id);
      const out = await session.collect();
      expect(out.stdout.toString()).toBe('out\r\nerr\r\n');
      expect(out.stderr.length).toBe(0);
    } finally {
      session.close();
    }
  });

  conformance('logs=1 replays earlier output of an exited container', attach, async () => {
    const { id } = await createContainer(ctx, withCmd('echo', 'before attach'));
    await ctx.client.containers.start(id);
    await ctx.client.containers.wait(id);
    const conn = await ctx.client.hijack('POST', `/containers/${id}/attach`, {
      query: { logs: '1', stream: '0', stdout: '1', stderr: '1' },
      streamTimeoutMs: 10_000,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of conn.output) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    expect(raw[0]).toBe(1);
    expect(raw.subarray(8).toString()).toBe('before attach\n');
  });

  conformance('attach to an unknown container answers 404', attach, async () => {
    expect(await engineStatus(ctx.client.containers.attach(`ss-${ctx.runId}-missing`, { tty: false }))).toBe(
      404,
    );
  });
});
