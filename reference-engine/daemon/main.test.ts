import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pollFor } from '../../core/wait-for.js';

// The built daemon (npm run build), started as a real process: refusals and SIGTERM.

const MAIN = resolve(import.meta.dirname, '../../dist/reference-engine/daemon/main.js');
const IS_ROOT = process.getuid?.() === 0;
const why = !IS_ROOT ? 'shipd needs root' : !existsSync(MAIN) ? 'shipd is not built (npm run build)' : '';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function scratch(): { root: string; run: string; sock: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shipd-main-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { root: join(dir, 'root'), run: join(dir, 'run'), sock: join(dir, 'run', 'shipd.sock') };
}

/** Runs shipd to its exit; its status and stderr. */
function refused(args: string[], prefix: string[] = []) {
  const [cmd = process.execPath, ...rest] =
    prefix.length > 0 ? [...prefix, process.execPath] : [process.execPath];
  const res = spawnSync(cmd, [...rest, MAIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: res.status, stderr: res.stderr };
}

async function started(dirs: ReturnType<typeof scratch>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      '--root',
      dirs.root,
      '--exec-root',
      dirs.run,
      '-H',
      `unix://${dirs.sock}`,
      '--storage-driver',
      'vfs',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const listening = () => {
    if (child.exitCode !== null) throw new Error(`shipd exited: ${err}`);
    return err.includes('API listening');
  };
  await pollFor(listening, {
    timeoutMs: 30_000,
    intervalMs: 100,
    describe: 'shipd to listen',
    retry: () => false,
  });
  return child;
}

const ping = (socketPath: string) =>
  new Promise<number>((done, fail) =>
    request({ socketPath, path: '/_ping' }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    })
      .on('error', fail)
      .end(),
  );

describe.skipIf(why !== '')(`shipd main${why ? ` (${why})` : ''}`, () => {
  it('refuses a root another shipd holds: one line, exit 1; SIGTERM then stops it with 0', async () => {
    const dirs = scratch();
    const first = await started(dirs);
    expect(await ping(dirs.sock)).toBe(200);
    const other = scratch();
    const second = refused([
      '--root',
      dirs.root,
      '--exec-root',
      other.run,
      '-H',
      `unix://${other.sock}`,
      '--storage-driver',
      'vfs',
    ]);
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(`shipd: ${dirs.root} is in use by another shipd (pid ${first.pid})\n`);
    first.kill('SIGTERM');
    const [code] = await once(first, 'exit');
    expect(code).toBe(0);
    expect(existsSync(dirs.sock)).toBe(false);
    expect(existsSync(join(dirs.run, 'shipd.pid'))).toBe(false);
  });

  it('refuses to start without root, in one line', () => {
    const dirs = scratch();
    const res = refused(
      ['--root', dirs.root, '--exec-root', dirs.run],
      ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    );
    expect(res).toEqual({
      status: 1,
      stderr: 'shipd: must run as root: shipd mounts filesystems and runs containers\n',
    });
  });

  it('refuses a driver that cannot work here, and a TCP address off loopback', () => {
    const dirs = scratch();
    const btrfs = refused(['--root', dirs.root, '--exec-root', dirs.run, '--storage-driver', 'btrfs']);
    expect(btrfs.status).toBe(1);
    expect(btrfs.stderr).toMatch(/^shipd: the btrfs driver needs its root on btrfs, and .* is not\n$/);
    const tcp = refused(['-H', 'tcp://0.0.0.0:2375']);
    expect(tcp).toEqual({
      status: 1,
      stderr: 'shipd: -H tcp://0.0.0.0:2375: shipd listens on loopback only (127.0.0.1, ::1 or localhost)\n',
    });
  });
});
