import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../wait-for.js';
import { leftoversOf, takeFootprint } from './footprint.js';
import { procStat } from './process.js';

// Honest by construction: a stand-in container (a sleep under a "shim" of its own) whose engine forgets
// one thing at a time; the leak check names each, and finds nothing once all is gone.
const root = process.getuid?.() === 0;
const undo: (() => void)[] = [];
afterEach(() => {
  for (const f of undo.splice(0).reverse()) {
    try {
      f();
    } catch {}
  }
});

/** `fake-shim` (a copy of bash) starts `sleep 30` (optionally through `wrap`) and lingers after it. */
async function container(wrap: string[] = []): Promise<{ shim: ChildProcess; pid: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-fp-'));
  undo.push(() => rmSync(dir, { recursive: true, force: true }));
  const shim = join(dir, 'fake-shim');
  copyFileSync('/bin/bash', shim);
  const script = `${[...wrap, 'sleep', '30'].join(' ')} & echo $!; wait; sleep 30`;
  const child = spawn(shim, ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  undo.push(() => child.kill('SIGKILL'));
  const pid = await new Promise<number>((resolve) =>
    child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString()))),
  );
  // through `unshare`/`ip netns exec` the sleep is a grandchild: wait until it runs as sleep
  await waitFor(async () => (await procStat(pid))?.comm === 'sleep' || wrap.length === 0, {
    timeoutMs: 5_000,
    intervalMs: 20,
    describe: 'the stand-in container to run',
  });
  return { shim: child, pid, dir };
}

const kill = (pid: number) => process.kill(pid, 'SIGKILL');

describe.skipIf(!root)('leftoversOf a removed container', () => {
  it('finds nothing when the container and its shim are gone', async () => {
    const c = await container();
    const fp = await takeFootprint('shipshape-fp-clean', c.pid);
    expect(fp.processes.map((p) => p.comm)).toEqual(['sleep', 'fake-shim']);
    kill(c.pid);
    c.shim.kill('SIGKILL');
    await waitFor(async () => (await leftoversOf([fp])).length === 0, {
      timeoutMs: 5_000,
      intervalMs: 50,
      describe: 'the leftovers to go',
    });
  });

  it('names a shim that outlives its container', async () => {
    const c = await container();
    const fp = await takeFootprint('shipshape-fp-shim', c.pid);
    kill(c.pid);
    await waitFor(
      async () => (await procStat(c.pid)) === undefined || (await procStat(c.pid))?.state === 'Z',
      { timeoutMs: 5_000, intervalMs: 20, describe: 'the container process to exit' },
    );
    expect((await leftoversOf([fp])).join('\n')).toMatch(/process \d+ \(fake-shim\) still runs/);
  });

  it('names a cgroup directory left behind', async () => {
    const c = await container();
    const dir = join('/sys/fs/cgroup/pids', `shipshape-fp-${process.pid}`);
    mkdirSync(dir);
    undo.push(() => rmdirSync(dir));
    writeFileSync(join(dir, 'cgroup.procs'), String(c.pid));
    const fp = await takeFootprint('shipshape-fp-cg', c.pid);
    expect(fp.cgroups).toContain(dir);
    kill(c.pid);
    await waitFor(
      () =>
        execFileSync('cat', [join(dir, 'cgroup.procs')])
          .toString()
          .trim() === '',
      { timeoutMs: 5_000, intervalMs: 20, describe: 'the cgroup to empty' },
    );
    expect(await leftoversOf([fp])).toContain(`shipshape-fp-cg: cgroup ${dir} is still there`);
  });

  it('names a mount carrying the container id left behind', async () => {
    const c = await container();
    const id = `shipshape-fp-mnt-${process.pid}`;
    const point = join(c.dir, id);
    mkdirSync(point);
    execFileSync('mount', ['-t', 'tmpfs', 'shipshape', point]);
    undo.push(() => execFileSync('umount', [point]));
    const fp = await takeFootprint(id, c.pid);
    kill(c.pid);
    expect(await leftoversOf([fp])).toContain(`${id}: mount ${point} is still there`);
  });

  it.runIf(existsSync('/usr/sbin/ip'))(
    'names a network namespace still held after the container',
    async () => {
      const name = `shipshape-fp-ns-${process.pid}`;
      execFileSync('ip', ['netns', 'add', name]);
      undo.push(() => execFileSync('ip', ['netns', 'del', name]));
      const c = await container(['ip', 'netns', 'exec', name]);
      const fp = await takeFootprint(name, c.pid);
      expect(fp.netns).toMatch(/^net:\[\d+\]$/);
      kill(c.pid);
      const left = (await leftoversOf([fp])).join('\n');
      expect(left).toMatch(/network namespace net:\[\d+\] is still held by the mount \/run\/netns\//);
      expect(left).toContain(`mount /run/netns/${name} is still there`);
    },
  );
});
