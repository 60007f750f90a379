import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleOption, withTerminal } from '../../../core/engines/runtime-cli/bundle.js';
import { isRoot, pollUntil } from '../../../core/engines/runtime-cli/test-helpers.js';
import {
  containerState,
  createContainer,
  killContainer,
  type LogStdio,
  openStdin,
  recordedExit,
  resizeFifoPath,
  startContainer,
  stdinFifoPath,
  waitRecordedExit,
  writeResize,
} from '../index.js';
import { NATIVE_BUILDABLE, PROBE } from '../testing/build-under-test.js';
import { type CompiledEntry, compileEntry } from '../testing/compile-entry.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { useScratchRoot } from '../testing/scratch-root.js';

const run = promisify(execFile);
const skip = !isRoot || !existsSync(PROBE) || !NATIVE_BUILDABLE;

/** Docker's json-file line, key order and time format included (Go's RFC3339Nano, UTC). */
const LINE =
  /^\{"log":"(?:[^"\\]|\\.)*","stream":"(?:stdout|stderr)","time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{0,8}[1-9])?Z"\}$/;

interface LogLine {
  log: string;
  stream: string;
  time: string;
}

/** The log's lines, raw and parsed; throws on a line that is not a json-file line. */
async function readLog(path: string): Promise<{ raw: string[]; lines: LogLine[] }> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const raw = text.split('\n').slice(0, -1);
  for (const l of raw) if (!LINE.test(l)) throw new Error(`not a json-file line: ${l.slice(0, 200)}`);
  return { raw, lines: raw.map((l) => JSON.parse(l) as LogLine) };
}

const logText = async (path: string, stream?: string) =>
  (await readLog(path)).lines
    .filter((l) => !stream || l.stream === stream)
    .map((l) => l.log)
    .join('');

const logStdio = (logPath: string, more: Partial<LogStdio> = {}): LogStdio => ({
  kind: 'log',
  logPath,
  stdin: false,
  stdinOnce: false,
  terminal: false,
  ...more,
});

/** Writes DATA to the container's stdin FIFO as one writer, then closes it. */
async function writeStdin(root: string, id: string, data: string | Buffer): Promise<void> {
  const w = openStdin(root, id);
  await new Promise<void>((resolve, reject) => {
    w.once('error', reject);
    w.end(data, () => resolve());
  });
  w.destroy();
}

describe.skipIf(skip)('log mode: the shim owns the container stdio (needs root, build/probe)', () => {
  const scratch = useScratchRoot('shiprun-log-');

  async function started(id: string, args: string[], stdio: LogStdio, ...opts: BundleOption[]) {
    const b = await probeBundle(scratch.dir, id, args, ...opts);
    const c = await createContainer({ root: scratch.root, id, bundle: b.dir, stdio });
    c.shim.unref();
    await startContainer(scratch.root, id);
    return c;
  }

  it('logs stdout and stderr lines with their stream, in order per stream, and records the exit', async () => {
    const log = join(scratch.dir, 'streams.log');
    const script = 'echo one; stderr two; echo three; stderr four; echo five; exit 3';
    await started('streams', ['sh', '-c', script], logStdio(log));
    expect(
      await pollUntil(async () => (await recordedExit(scratch.root, 'streams')) !== undefined, 10_000),
    ).toBe(true);
    expect(await logText(log, 'stdout')).toBe('one\nthree\nfive\n');
    expect(await logText(log, 'stderr')).toBe('two\nfour\n');
    expect((await readLog(log)).lines).toHaveLength(5);
    expect(await recordedExit(scratch.root, 'streams')).toEqual({ code: 3, signal: 0 });
  });

  it('escapes as Docker does, splits lines over 16 KiB, flushes a partial last line, all before the exit is recorded', async () => {
    const log = join(scratch.dir, 'cat.log');
    await started('cat', ['cat'], logStdio(log, { stdin: true, stdinOnce: true }));
    const first = Buffer.concat([
      Buffer.from('a<b>&"c"\\\t\x01\r'),
      Buffer.from([0xff, 0xed, 0xa0, 0x80]), // invalid bytes, a surrogate
      Buffer.from('\u2028é\u{1f600}\ufffd\x7f\n'),
    ]);
    await writeStdin(
      scratch.root,
      'cat',
      Buffer.concat([first, Buffer.from(`${'x'.repeat(40_000)}\nno newline`)]),
    );
    expect(await waitRecordedExit(scratch.root, 'cat', { signal: AbortSignal.timeout(10_000) })).toEqual({
      code: 0,
      signal: 0,
    });
    const { raw, lines } = await readLog(log);
    expect(raw[0]).toMatch(
      /^\{"log":"a\\u003cb\\u003e\\u0026\\"c\\"\\\\\\u0009\\u0001\\r\\ufffd\\ufffd\\ufffd\\ufffd\\u2028é😀\ufffd\x7f\\n",/,
    );
    expect(lines.slice(1).map((l) => l.log.length)).toEqual([16_384, 16_384, 40_000 - 2 * 16_384 + 1, 10]);
    expect(lines[3]?.log.endsWith('x\n')).toBe(true);
    expect(new Set(lines.slice(1, 4).map((l) => l.time)).size).toBe(1); // the pieces share the first's time
    expect(lines[4]?.log).toBe('no newline');
  });

  it('stdin without once: each writer reaches the container, which keeps running', async () => {
    const log = join(scratch.dir, 'sh.log');
    await started('sh', ['sh'], logStdio(log, { stdin: true }));
    await writeStdin(scratch.root, 'sh', 'echo first\n');
    await writeStdin(scratch.root, 'sh', 'echo second\n');
    expect(await pollUntil(async () => (await logText(log)) === 'first\nsecond\n', 10_000)).toBe(true);
    expect((await containerState(scratch.root, 'sh')).status).toBe('running');
    await writeStdin(scratch.root, 'sh', 'exit 4\n');
    expect(await waitRecordedExit(scratch.root, 'sh', { signal: AbortSignal.timeout(10_000) })).toEqual({
      code: 4,
      signal: 0,
    });
    expect(existsSync(stdinFifoPath(scratch.root, 'sh'))).toBe(false); // the shim removed it
    expect(() => openStdin(scratch.root, 'sh')).toThrow(/not running/);
  });

  it('a terminal: output logged as stdout, stdin typed into the pty, resize seen inside', async () => {
    const log = join(scratch.dir, 'tty.log');
    const stdio = logStdio(log, { stdin: true, terminal: true });
    await started('tty', ['sh'], stdio, withTerminal(true, { height: 24, width: 80 }));
    const sizes = async () => (await logText(log)).match(/\{"rows":\d+,"cols":\d+\}/g) ?? [];
    await writeStdin(scratch.root, 'tty', 'winsize\n');
    expect(await pollUntil(async () => (await sizes()).length === 1, 10_000)).toBe(true);
    writeResize(resizeFifoPath(scratch.root, 'tty'), 30, 100);
    await writeStdin(scratch.root, 'tty', 'report tty\nwinsize\n');
    expect(await pollUntil(async () => (await sizes()).length === 2, 10_000)).toBe(true);
    expect(await sizes()).toEqual(['{"rows":24,"cols":80}', '{"rows":30,"cols":100}']);
    const text = await logText(log, 'stdout');
    expect(text).toContain('"tty":{"stdin":true,"stdout":true,"stderr":true}');
    expect(text).toContain('\r\n'); // the pty's line discipline, as Docker logs it
    expect((await readLog(log)).lines.every((l) => l.stream === 'stdout')).toBe(true);
    await killContainer(scratch.root, 'tty', 'KILL');
    expect(await waitRecordedExit(scratch.root, 'tty', { signal: AbortSignal.timeout(10_000) })).toEqual({
      code: 137,
      signal: 9,
    });
  });

  it('a shim killed before recording an exit: the wait ends without a status, the container is gone', async () => {
    const c = await started('killed', ['sleep', '60'], logStdio(join(scratch.dir, 'killed.log')));
    const waiting = waitRecordedExit(scratch.root, 'killed', {
      signal: AbortSignal.timeout(10_000),
      pollMs: 50,
    });
    c.shim.kill('SIGKILL');
    expect(await waiting).toBeUndefined();
    expect((await containerState(scratch.root, 'killed')).status).toBe('stopped');
  });

  it('refuses a terminal mismatch between the log stdio and process.terminal', async () => {
    const b = await probeBundle(scratch.dir, 'mis', ['exit', '0'], withTerminal(true));
    const stdio = logStdio(join(scratch.dir, 'mis.log'));
    await expect(createContainer({ root: scratch.root, id: 'mis', bundle: b.dir, stdio })).rejects.toThrow(
      /must match/,
    );
  });

  describe('with the creating Node process gone', () => {
    let driver: CompiledEntry;
    beforeAll(async () => {
      driver = await compileEntry(join(import.meta.dirname, '../testing/detached-create.ts'));
    }, 120_000);
    afterAll(() => driver?.dispose());

    it('the shim keeps logging and forwarding stdin, and records the exit', async () => {
      const log = join(scratch.dir, 'gone.log');
      const b = await probeBundle(scratch.dir, 'gone', ['sh']);
      const { stdout } = await run(process.execPath, [driver.js, scratch.root, 'gone', b.dir, log], {
        timeout: 60_000,
      });
      const pid = Number(stdout.trim());
      expect(pid).toBeGreaterThan(0); // the driver has exited: the shim is nobody's child here
      expect((await containerState(scratch.root, 'gone')).status).toBe('running');
      await writeStdin(scratch.root, 'gone', 'echo after the driver\nstderr to stderr\n');
      expect(await pollUntil(async () => (await readLog(log)).lines.length === 2, 10_000)).toBe(true);
      expect((await readLog(log)).lines.map((l) => [l.stream, l.log])).toEqual([
        ['stdout', 'after the driver\n'],
        ['stderr', 'to stderr\n'],
      ]);
      const state = JSON.parse(await readFile(join(scratch.root, 'gone', 'state.json'), 'utf8'));
      const status = await readFile(`/proc/${state.shimPid}/status`, 'utf8');
      expect(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1])).toBeLessThanOrEqual(2048); // 2 MB a container
      const waiting = waitRecordedExit(scratch.root, 'gone', { signal: AbortSignal.timeout(10_000) });
      await writeStdin(scratch.root, 'gone', 'exit 5\n');
      expect(await waiting).toEqual({ code: 5, signal: 0 });
    });
  });
});
