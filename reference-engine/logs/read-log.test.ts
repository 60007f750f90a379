import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollFor } from '../../core/wait-for.js';
import type { LogEntry } from './log-entry.js';
import { formatTimestampNs, parseLogTimeParam, parseRfc3339Ns } from './log-time.js';
import { type LogReadOptions, readLog } from './read-log.js';

let dir = '';
let path = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipd-logs-'));
  path = join(dir, 'c-json.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (stream: string, log: string, time: string) => `${JSON.stringify({ log, stream, time })}\n`;
/** Five entries, one second apart from 2024-01-01T00:00:01Z; odd ones on stderr. */
const FIVE = ['a', 'b', 'c', 'd', 'e']
  .map((t, i) => line(i % 2 ? 'stderr' : 'stdout', `${t}\n`, `2024-01-01T00:00:0${i + 1}.5Z`))
  .join('');
const T = (s: number) => BigInt(Date.parse('2024-01-01T00:00:00Z') + s * 1000) * 1_000_000n;

async function texts(opts: LogReadOptions = {}): Promise<string> {
  let out = '';
  for await (const e of readLog(path, opts)) out += `${e.stream[3]}:${e.log.toString()}`;
  return out;
}

describe('readLog', () => {
  it('reads every entry with its stream', async () => {
    writeFileSync(path, FIVE);
    expect(await texts()).toBe('o:a\ne:b\no:c\ne:d\no:e\n');
  });

  it('filters stdout and stderr', async () => {
    writeFileSync(path, FIVE);
    expect(await texts({ stderr: false })).toBe('o:a\no:c\no:e\n');
    expect(await texts({ stdout: false })).toBe('e:b\ne:d\n');
  });

  it('tail counts lines from the end before the stream filter', async () => {
    writeFileSync(path, FIVE);
    expect(await texts({ tail: 2 })).toBe('e:d\no:e\n');
    expect(await texts({ tail: 2, stderr: false })).toBe('o:e\n');
    expect(await texts({ tail: 0 })).toBe('');
    expect(await texts({ tail: 99 })).toBe('o:a\ne:b\no:c\ne:d\no:e\n');
  });

  it('tail reaches back across many read chunks', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => line('stdout', `${i}\n`, '2024-01-01T00:00:00Z'));
    writeFileSync(path, many.join(''));
    const got = (await texts({ tail: 3000 })).split('\n').filter(Boolean);
    expect(got).toHaveLength(3000);
    expect(got[0]).toBe('o:2000');
  });

  it('since is inclusive, until ends the reading', async () => {
    writeFileSync(path, FIVE);
    expect(await texts({ since: T(3) })).toBe('o:c\ne:d\no:e\n');
    expect(await texts({ since: T(3) + 500_000_000n })).toBe('o:c\ne:d\no:e\n');
    expect(await texts({ since: T(3) + 500_000_001n })).toBe('e:d\no:e\n');
    expect(await texts({ until: T(2) + 500_000_000n })).toBe('o:a\ne:b\n');
    expect(await texts({ until: T(0) })).toBe('');
  });

  it('skips lines that are not log entries and keeps a large one whole', async () => {
    const big = 'x'.repeat(200_000);
    writeFileSync(path, `not json\n{"log":1}\n${line('stdout', big, '2024-01-01T00:00:01Z')}`);
    expect(await texts()).toBe(`o:${big}`);
  });

  it('a missing file is an empty log', async () => {
    expect(await texts()).toBe('');
  });

  it('follow yields appended lines, then ends once done and drained', async () => {
    writeFileSync(path, line('stdout', 'first\n', '2024-01-01T00:00:01Z'));
    let finish = () => {};
    const done = new Promise<void>((r) => {
      finish = r;
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of readLog(path, { follow: { done, pollMs: 50 } })) seen.push(e.log.toString());
    })();
    await until(() => seen.length === 1);
    // A line written in two pieces comes out once, whole.
    const second = line('stderr', 'second\n', '2024-01-01T00:00:02Z');
    appendFileSync(path, second.slice(0, 10));
    await new Promise((r) => setTimeout(r, 120));
    expect(seen).toEqual(['first\n']);
    appendFileSync(path, second.slice(10));
    await until(() => seen.length === 2);
    // Written just before the writer reports done: still read.
    appendFileSync(path, line('stdout', 'last\n', '2024-01-01T00:00:03Z'));
    finish();
    await reading;
    expect(seen).toEqual(['first\n', 'second\n', 'last\n']);
  });

  it('follow from the end sees only new lines, and waits for a file that does not exist yet', async () => {
    const controller = new AbortController();
    const seen: LogEntry[] = [];
    const reading = (async () => {
      const opts = {
        fromEnd: true,
        follow: { done: new Promise(() => {}), signal: controller.signal, pollMs: 30 },
      };
      for await (const e of readLog(path, opts)) seen.push(e);
    })();
    await new Promise((r) => setTimeout(r, 80));
    writeFileSync(path, line('stdout', 'new\n', '2024-01-01T00:00:01Z'));
    await until(() => seen.length === 1);
    controller.abort();
    await reading;
    expect(seen[0]?.log.toString()).toBe('new\n');
  });

  it('follow from the end skips what was there', async () => {
    writeFileSync(path, FIVE);
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      const opts = {
        fromEnd: true,
        follow: { done: new Promise(() => {}), signal: controller.signal, pollMs: 30 },
      };
      for await (const e of readLog(path, opts)) seen.push(e.log.toString());
    })();
    await new Promise((r) => setTimeout(r, 60));
    appendFileSync(path, line('stdout', 'f\n', '2024-01-01T00:00:06Z'));
    await until(() => seen.length === 1);
    controller.abort();
    await reading;
    expect(seen).toEqual(['f\n']);
  });
});

describe('log times', () => {
  it('parses RFC 3339 with nanoseconds and offsets', () => {
    expect(parseRfc3339Ns('2024-01-01T00:00:01.000000002Z')).toBe(T(1) + 2n);
    expect(parseRfc3339Ns('2024-01-01T01:00:01.5+01:00')).toBe(T(1) + 500_000_000n);
    expect(parseRfc3339Ns('2024-01-01 00:00:01Z')).toBeUndefined();
  });

  it('since/until accept unix seconds with a fraction, RFC 3339, and 0 as unset', () => {
    expect(parseLogTimeParam('since', '1704067201.25')).toBe(T(1) + 250_000_000n);
    expect(parseLogTimeParam('since', '2024-01-01T00:00:01Z')).toBe(T(1));
    expect(parseLogTimeParam('since', '0')).toBeUndefined();
    expect(parseLogTimeParam('since', '')).toBeUndefined();
    expect(() => parseLogTimeParam('since', 'yesterday')).toThrow(/since/);
  });

  it('formats Docker timestamps with nine fraction digits', () => {
    expect(formatTimestampNs(T(1) + 5n)).toBe('2024-01-01T00:00:01.000000005Z');
    expect(formatTimestampNs(T(0))).toBe('2024-01-01T00:00:00.000000000Z');
  });
});

async function until(cond: () => boolean): Promise<void> {
  await pollFor(cond, { timeoutMs: 2000, intervalMs: 10, maxAttempts: 200, describe: 'a log condition' });
  expect(cond()).toBe(true);
}
