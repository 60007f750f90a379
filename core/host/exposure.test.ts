import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exposureOf, exposureProblems } from './exposure.js';
import { decodeAddress, isLoopback } from './proc-net.js';

// A stand-in daemon: a unix socket of a given mode and, when asked, a TCP listener it was not told to open.
const DAEMON = `
const net = require('node:net'); const fs = require('node:fs');
const [path, mode, tcp] = process.argv.slice(1);
net.createServer().listen(path, () => {
  fs.chmodSync(path, parseInt(mode, 8));
  if (tcp !== 'tcp') return console.log('ready');
  const s = net.createServer().listen(0, '127.0.0.1', () => console.log('ready ' + s.address().port));
});`;

let child: ChildProcess | undefined;
let dir = '';
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function daemon(mode: string, tcp: boolean): Promise<{ socket: string; pid: number }> {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-exposure-'));
  const socket = join(dir, 'd.sock');
  const proc = spawn(process.execPath, ['-e', DAEMON, socket, mode, tcp ? 'tcp' : 'none'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => (d.toString().startsWith('ready') ? resolve() : undefined));
    proc.once('exit', (code) => reject(new Error(`daemon exited ${code}`)));
  });
  return { socket, pid: proc.pid as number };
}

const root = process.getuid?.() === 0;

describe('exposure of a daemon behind a unix socket', () => {
  it.runIf(root)('finds the daemon and nothing wrong with a 0660 root socket and no TCP', async () => {
    const d = await daemon('660', false);
    const e = await exposureOf(d.socket);
    expect(e.pids).toContain(d.pid);
    expect([e.mode, e.tcp]).toEqual([0o660, []]);
    expect(exposureProblems(e)).toEqual([]);
  });

  it('catches a world-writable socket and a TCP listener nobody configured', async () => {
    const d = await daemon('666', true);
    const e = await exposureOf(d.socket);
    expect(e.pids).toContain(d.pid);
    expect(e.tcp.map((l) => l.address)).toEqual(['127.0.0.1']);
    const problems = exposureProblems(e).join('\n');
    expect(problems).toMatch(/writable by others \(mode 666\)/);
    expect(problems).toMatch(/listens on TCP 127\.0\.0\.1:\d+, not configured/);
  });
});

describe('/proc/net addresses', () => {
  it('decodes v4 and v6 and knows loopback', () => {
    expect(decodeAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeAddress('00000000')).toBe('0.0.0.0');
    expect(decodeAddress('00000000000000000000000001000000')).toBe('0000:0000:0000:0000:0000:0000:0000:0001');
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('0000:0000:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
