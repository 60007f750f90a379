import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { runToExit, suiteContext, withCmd, withTty } from './support/index.js';

const ctx = suiteContext();
const logs = { tags: ['protocol', 'streams'], requirements: ['docker-api:ContainerLogs'] };

/** Frames of a multiplexed body, checked strictly: header type 1|2, three zero bytes, length. */
function frames(body: Buffer): { type: number; data: string }[] {
  const out: { type: number; data: string }[] = [];
  let at = 0;
  while (at < body.length) {
    expect(body.length - at).toBeGreaterThanOrEqual(8);
    const type = body[at] ?? -1;
    expect([1, 2]).toContain(type);
    expect([body[at + 1], body[at + 2], body[at + 3]]).toEqual([0, 0, 0]);
    const size = body.readUInt32BE(at + 4);
    expect(body.length - at - 8).toBeGreaterThanOrEqual(size);
    out.push({ type, data: body.subarray(at + 8, at + 8 + size).toString('utf8') });
    at += 8 + size;
  }
  return out;
}

const SCRIPT = 'echo out-1 && stderr err-1 && echo out-2 && stderr err-2';

describe('log stream framing', () => {
  conformance('without a TTY the body is 8-byte-header frames, stdout 1 and stderr 2', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', SCRIPT)]);
    const res = await ctx.client.raw('GET', `/containers/${id}/logs`, {
      query: { stdout: '1', stderr: '1' },
    });
    expect(res.status).toBe(200);
    const got = frames(res.body);
    expect(
      got
        .filter((f) => f.type === 1)
        .map((f) => f.data)
        .join(''),
    ).toBe('out-1\nout-2\n');
    expect(
      got
        .filter((f) => f.type === 2)
        .map((f) => f.data)
        .join(''),
    ).toBe('err-1\nerr-2\n');
  });

  conformance('stdout=1 stderr=0 gives only type-1 frames', logs, async () => {
    const { id } = await runToExit(ctx, [withCmd('sh', '-c', SCRIPT)]);
    const res = await ctx.client.raw('GET', `/containers/${id}/logs`, {
      query: { stdout: '1', stderr: '0' },
    });
    const got = frames(res.body);
    expect(got.every((f) => f.type === 1)).toBe(true);
    expect(got.map((f) => f.data).join('')).toBe('out-1\nout-2\n');
  });

  conformance('with a TTY the body is raw bytes with no frame headers', logs, async () => {
    const { id } = await runToExit(ctx, [withTty(), withCmd('sh', '-c', SCRIPT)]);
    const res = await ctx.client.raw('GET', `/containers/${id}/logs`, {
      query: { stdout: '1', stderr: '1' },
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('out-1\r\nerr-1\r\nout-2\r\nerr-2\r\n');
  });

  conformance('a large line is carried whole across frames', logs, async () => {
    const big = 'x'.repeat(40_000);
    const { id } = await runToExit(ctx, [withCmd('echo', big)]);
    const res = await ctx.client.raw('GET', `/containers/${id}/logs`, { query: { stdout: '1' } });
    expect(
      frames(res.body)
        .map((f) => f.data)
        .join(''),
    ).toBe(`${big}\n`);
  });
});
