import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { native } from '../../syscalls/index.js';
import { childExit, nativeLauncher } from './native-launcher.js';
import { waitGone } from './wait-gone.js';

// The shell reports what a shim would see: its fds, session, signal dispositions; then it exits 7.
const SCRIPT = [
  'ls /proc/self/fd | sort -n | tr "\\n" " " >&6',
  'echo >&6',
  'ps -o sid= -p $$ >&6',
  'grep SigIgn /proc/self/status >&6',
  'cat <&5 >&6',
  'read line <&4; echo "control $line" >&3',
  'exit 7',
].join('\n');

function exitOf(child: { once: (e: 'exit', l: (c: number | null, s: string | null) => void) => unknown }) {
  return new Promise<[number | null, string | null]>((r) => child.once('exit', (c, s) => r([c, s])));
}

describe('nativeLauncher (posix_spawn of a shim, reaped on SIGCHLD)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-launcher-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('maps fds 0-5 and extras, starts a new session with default signals, and reports the exit', async () => {
    writeFileSync(join(dir, 'spec'), 'the spec\n');
    const spec = openSync(join(dir, 'spec'), 'r');
    const out = openSync(join(dir, 'out'), 'w');
    const launched = nativeLauncher('/bin/sh', ['-c', SCRIPT], ['ignore', 'ignore', 'ignore'], spec, [out]);
    closeSync(spec);
    closeSync(out);
    const exit = exitOf(launched.process);
    launched.control.end('go\n');
    let report = '';
    for await (const chunk of launched.report) report += String(chunk);
    expect(report).toBe('control go\n');
    expect(await exit).toEqual([7, null]);
    const [fds, sid, sigIgn, specText] = readFileSync(join(dir, 'out'), 'utf8').split('\n');
    expect(fds).toBe('0 1 2 3 4 5 6 7 '); // 7: the directory ls reads; nothing else leaked in
    expect(Number(sid)).not.toBe(process.pid);
    const ignored = BigInt(`0x${sigIgn?.split(/\s+/)[1]}`);
    expect(ignored & (1n << 12n)).toBe(0n); // SIGPIPE (13): Node ignores it; the child must not
    expect(specText).toBe('the spec');
    expect(() => native().reap(launched.process.pid ?? 0)).toThrow(/ECHILD/); // reaped: no zombie left
  });

  it('waitGone follows a launched shim by its SIGCHLD (childExit), not by polling', async () => {
    const launched = nativeLauncher('/bin/sleep', ['30'], ['ignore', 'ignore', 'ignore'], 0, []);
    launched.report.destroy();
    launched.control.destroy();
    const pid = launched.process.pid ?? 0;
    expect(childExit(process.pid)).toBeUndefined(); // not a child this launcher started
    const exited = childExit(pid);
    expect(exited).toBeInstanceOf(Promise);
    const gone = waitGone(pid, undefined, 5000);
    process.kill(pid, 'SIGKILL');
    expect(await gone).toBe(true);
    await exited;
    expect(childExit(pid)).toBeUndefined(); // reaped
  });

  it('reports a death by signal and kill() reaches the child', async () => {
    const launched = nativeLauncher('/bin/sleep', ['30'], ['ignore', 'ignore', 'ignore'], 0, []);
    launched.report.destroy();
    launched.control.destroy();
    const exit = exitOf(launched.process);
    expect(launched.process.kill('SIGKILL')).toBe(true);
    expect(await exit).toEqual([null, 'SIGKILL']);
    expect(launched.process.kill('SIGKILL')).toBe(false);
  });

  it('refuses piped stdio, which only Node spawn can give', () => {
    expect(() => nativeLauncher('/bin/true', [], ['pipe', 'ignore', 'ignore'], 0, [])).toThrow(
      /nodeLauncher/,
    );
  });
});
