import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { runContainer, runToExit, suiteContext, withCmd } from './support/index.js';

const ctx = suiteContext();
const logs = {
  tags: ['containers', 'logs'],
  requirements: ['docker-api:ContainerLogs'],
  needs: ['logs'] as const,
};
const THREE = 'echo one && stderr two && echo three';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /;

const text = (b: Buffer) => b.toString('utf8');

describe('ContainerLogs', () => {
  conformance('keeps stdout and stderr apart', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const out = await ctx.client.containers.logs(id);
    expect(text(out.stdout)).toBe('one\nthree\n');
    expect(text(out.stderr)).toBe('two\n');
  });

  conformance('stdout=1 stderr=0 gives only stdout', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const out = await ctx.client.containers.logs(id, { stdout: true, stderr: false });
    expect(text(out.stdout)).toBe('one\nthree\n');
    expect(out.stderr.length).toBe(0);
  });

  conformance('stdout=0 stderr=1 gives only stderr', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const out = await ctx.client.containers.logs(id, { stdout: false, stderr: true });
    expect(out.stdout.length).toBe(0);
    expect(text(out.stderr)).toBe('two\n');
  });

  conformance('timestamps=1 prefixes every line with an RFC 3339 time', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const out = await ctx.client.containers.logs(id, { timestamps: true });
    const lines = text(out.stdout).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(RFC3339);
    expect(lines.map((l) => l.replace(RFC3339, ''))).toEqual(['one', 'three']);
    expect(text(out.stderr)).toMatch(new RegExp(`${RFC3339.source}two\\n$`));
  });

  describe.each([
    { tail: 1, want: 'e\n' },
    { tail: 2, want: 'd\ne\n' },
    { tail: 'all' as const, want: 'a\nb\nc\nd\ne\n' },
    { tail: 0, want: '' },
  ])('tail=$tail', ({ tail, want }) => {
    conformance('gives the last lines', logs, async () => {
      const { id } = await runToExit(ctx, [withCmd('sh', '-c', 'echo a; echo b; echo c; echo d; echo e')]);
      const out = await ctx.client.containers.logs(id, { tail, stderr: false });
      expect(text(out.stdout)).toBe(want);
    });
  });

  conformance('since after the last line gives nothing, since=0 everything', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const after = Math.ceil(Date.now() / 1000) + 2;
    expect(text((await ctx.client.containers.logs(id, { since: 0 })).stdout)).toBe('one\nthree\n');
    const late = await ctx.client.containers.logs(id, { since: after });
    expect(late.stdout.length + late.stderr.length).toBe(0);
  });

  conformance('until before the first line gives nothing, until later everything', logs, async () => {
    const before = Math.floor(Date.now() / 1000) - 5;
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', THREE)]);
    const early = await ctx.client.containers.logs(id, { until: before });
    expect(early.stdout.length + early.stderr.length).toBe(0);
    const all = await ctx.client.containers.logs(id, { until: Math.ceil(Date.now() / 1000) + 5 });
    expect(text(all.stdout)).toBe('one\nthree\n');
  });

  conformance('follow streams lines as they come and ends when the container exits', logs, async () => {
    const { id } = await runContainer(
      ctx,
      withCmd('sh', '-c', 'echo first && sleep 1 && echo second && exit 0'),
    );
    const stream = await ctx.client.containers.followLogs(id, { streamTimeoutMs: 20_000 });
    const seen: string[] = [];
    for await (const frame of stream) seen.push(`${frame.stream}:${text(frame.data)}`);
    expect(seen.join('')).toBe('stdout:first\nstdout:second\n');
    const state = (await ctx.client.containers.inspect(id)).State;
    expect(state?.Running).toBe(false);
  });

  conformance('logs of a TTY container are raw, stdout and stderr merged', logs, async () => {
    const { id } = await runToExit(ctx, [
      withCmd('sh', '-c', 'echo out && stderr err'),
      (s) => {
        s.config.Tty = true;
      },
    ]);
    const res = await ctx.client.raw('GET', `/containers/${id}/logs`, {
      query: { stdout: '1', stderr: '1' },
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('out\r\nerr\r\n');
  });
});
