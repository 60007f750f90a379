import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Conflict } from '../errors.js';
import { lockName, takeDaemonLock } from './lock.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipd-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('takeDaemonLock', () => {
  it('refuses a root another holder has, naming its pid, and frees it on release', async () => {
    const root = scratch();
    const pidFile = join(scratch(), 'shipd.pid');
    const held = await takeDaemonLock([root], pidFile);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
    const refused = takeDaemonLock([root], join(scratch(), 'other.pid'));
    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toThrow(`${root} is in use by another shipd (pid ${process.pid})`);
    await held.release();
    const again = await takeDaemonLock([root], pidFile);
    await again.release();
  });

  it('the same directory by another path is the same lock', async () => {
    const root = scratch();
    const held = await takeDaemonLock([root], join(scratch(), 'a.pid'));
    await expect(takeDaemonLock([`${root}/./`], join(scratch(), 'b.pid'))).rejects.toBeInstanceOf(Conflict);
    await held.release();
  });

  it('a holder killed with SIGKILL leaves nothing held; its stale pid file is taken over', async () => {
    const root = scratch();
    const pidFile = join(scratch(), 'shipd.pid');
    const script = `require('net').createServer(s => s.end(process.pid + '\\n')).listen({ path: '\\0' + process.argv[1] }, () => console.log('held'));`;
    const holder = spawn(process.execPath, ['-e', script, lockName(root).slice(1)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(holder.stdout, 'data');
    writeFileSync(pidFile, `${holder.pid}\n`);
    await expect(takeDaemonLock([root], join(scratch(), 'x.pid'))).rejects.toThrow(`(pid ${holder.pid})`);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const lock = await takeDaemonLock([root], pidFile);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('a pid file naming a dead process does not block', async () => {
    const root = scratch();
    const pidFile = join(scratch(), 'shipd.pid');
    const dead = spawnSync('true').pid;
    writeFileSync(pidFile, `${dead}\n`);
    const lock = await takeDaemonLock([root], pidFile);
    await lock.release();
  });

  it('holds every directory or none', async () => {
    const [a, b] = [scratch(), scratch()];
    const holdB = await takeDaemonLock([b], join(scratch(), 'b.pid'));
    await expect(takeDaemonLock([a, b], join(scratch(), 'ab.pid'))).rejects.toBeInstanceOf(Conflict);
    const holdA = await takeDaemonLock([a], join(scratch(), 'a.pid'));
    await Promise.all([holdA.release(), holdB.release()]);
  });
});
