import { appendFileSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFrames, demuxFrames } from '../../../core/engines/docker-api/demux.js';
import { pollFor } from '../../../core/wait-for.js';
import type { ContainerManager, ContainerRecord } from '../../containers/types.js';
import { MemoryEventBus } from '../../events/memory-event-bus.js';
import { native } from '../../syscalls/index.js';
import type { DaemonContext } from '../context.js';
import { type AttachOptions, attach } from './attach-stream.js';
import { DEFAULT_DETACH_KEYS } from './detach-keys.js';
import { OutputWriter } from './output-writer.js';

// attach() against a fake manager: a hand-written json-file log, a real FIFO as the shim's stdin,
// and an exit the test decides.
const ID = 'c0ffee';
let dir = '';
let logPath = '';
let exit: () => void = () => {};
let failStart: () => void = () => {};
let status = 'running';
let config: Partial<ContainerRecord['config']> = {};
const events = new MemoryEventBus();

function fakeContext(): DaemonContext {
  const containers = {
    get: () =>
      ({
        id: ID,
        name: '/attached',
        imageRef: 'probe:1',
        config,
        state: { status },
      }) as unknown as ContainerRecord,
    wait: () =>
      new Promise((resolve) => {
        exit = () => resolve({ StatusCode: 0, Error: null });
      }),
    nextStartFailure: () =>
      new Promise<void>((resolve) => {
        failStart = resolve;
      }),
    logPath: () => logPath,
    runtimeRef: () => ({ root: dir, id: ID, stateDir: join(dir, ID), stdinFifo: join(dir, ID, 'stdin') }),
  } as unknown as ContainerManager;
  return { containers, events } as unknown as DaemonContext;
}

const line = (stream: string, log: string) =>
  `${JSON.stringify({ log, stream, time: '2024-01-01T00:00:00.000000001Z' })}\n`;
const opts = (o: Partial<AttachOptions>): AttachOptions => ({
  logs: false,
  stream: true,
  stdin: false,
  stdout: true,
  stderr: true,
  detachKeys: DEFAULT_DETACH_KEYS,
  ...o,
});

/** Runs an attach session; `client` is what the client sends, `out` what it receives. */
function session(o: AttachOptions, tty = false) {
  const out = new PassThrough();
  const client = new PassThrough();
  const controller = new AbortController();
  const done = attach(fakeContext(), ID, o, {
    output: new OutputWriter(out, !tty),
    input: client,
    signal: controller.signal,
  }).then(() => out.end());
  return { out, client, done, abort: () => controller.abort() };
}

/** Reads what the shim reads from the stdin FIFO (opened at once and non-blocking, as the shim does). */
function readFifo(): { text: () => string; ended: Promise<void> } {
  let text = '';
  const fd = openSync(join(dir, ID, 'stdin'), constants.O_RDONLY | constants.O_NONBLOCK);
  const reader = new Socket({ fd, readable: true, writable: false });
  reader.on('data', (d) => {
    text += d.toString();
  });
  return { text: () => text, ended: new Promise((r) => reader.once('end', () => r())) };
}

async function until(cond: () => boolean): Promise<void> {
  await pollFor(cond, { timeoutMs: 3000, intervalMs: 10, describe: 'an attach condition' });
  expect(cond()).toBe(true);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipd-attach-'));
  logPath = join(dir, `${ID}-json.log`);
  mkdirSync(join(dir, ID));
  native().mknod(join(dir, ID, 'stdin'), native().constants.S_IFIFO | 0o600, 0, 0);
  status = 'running';
  config = {};
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('attach', () => {
  it('streams what is logged from the attach on, framed, and ends at the exit', async () => {
    writeFileSync(logPath, line('stdout', 'before\n'));
    const s = session(opts({}));
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(logPath, line('stdout', 'out\n') + line('stderr', 'err\n'));
    await new Promise((r) => setTimeout(r, 50));
    exit();
    await s.done;
    const got = await collectFrames(demuxFrames(s.out));
    expect(got.stdout.toString()).toBe('out\n');
    expect(got.stderr.toString()).toBe('err\n');
  });

  it('ends when the start fails, as dockerd closes the streams (no exit comes)', async () => {
    writeFileSync(logPath, '');
    const s = session(opts({}));
    await new Promise((r) => setTimeout(r, 50));
    failStart();
    await s.done;
    expect((await collectFrames(demuxFrames(s.out))).stdout.toString()).toBe('');
  });

  it('logs=1 replays from the start; without stream it ends after the replay', async () => {
    writeFileSync(logPath, line('stdout', 'a\n') + line('stderr', 'b\n'));
    const s = session(opts({ logs: true, stream: false, stderr: false }));
    await s.done;
    expect((await collectFrames(demuxFrames(s.out))).stdout.toString()).toBe('a\n');
  });

  it('stdin waits for the start, then reaches the FIFO; its EOF closes it with StdinOnce (no TTY)', async () => {
    status = 'created';
    config = { OpenStdin: true, StdinOnce: true };
    const s = session(opts({ stdin: true }));
    const fifo = readFifo();
    s.client.write('early\n'); // before the start: held until the container runs
    await new Promise((r) => setTimeout(r, 50));
    expect(fifo.text()).toBe('');
    status = 'running';
    events.publish({ type: 'container', action: 'start', id: ID });
    s.client.end('late\n');
    await fifo.ended;
    expect(fifo.text()).toBe('early\nlate\n');
    exit();
    await s.done;
  });

  it('without StdinOnce the client EOF ends the session (the container keeps its stdin)', async () => {
    config = { OpenStdin: true };
    const s = session(opts({ stdin: true }));
    const fifo = readFifo();
    s.client.end('bye\n');
    await s.done; // no exit needed
    await until(() => fifo.text() === 'bye\n');
  });

  it('with a TTY the detach keys end the session; output is raw', async () => {
    config = { OpenStdin: true, Tty: true };
    writeFileSync(logPath, '');
    const s = session(opts({ stdin: true }), true);
    let seen = '';
    s.out.on('data', (d: Buffer) => {
      seen += d.toString();
    });
    const fifo = readFifo();
    appendFileSync(logPath, line('stdout', 'tty-out\r\n'));
    await until(() => seen === 'tty-out\r\n');
    s.client.write(Buffer.from('ls\r\x10\x11never'));
    await s.done;
    await until(() => fifo.text() === 'ls\r');
  });

  it('publishes an attach event, as dockerd does, even for a session with neither logs nor stream', async () => {
    config = { Labels: { team: 'x' } };
    const since = BigInt(Date.now() - 1) * 1_000_000n;
    await session(opts({ logs: false, stream: false })).done;
    const attached = events.history({ since }).filter((m) => m.Action === 'attach');
    expect(attached.map((m) => [m.Actor.ID, m.Actor.Attributes])).toEqual([
      [ID, { team: 'x', image: 'probe:1', name: 'attached' }],
    ]);
  });

  it('the client going away ends the session', async () => {
    const s = session(opts({}));
    s.abort();
    await s.done;
  });
});
