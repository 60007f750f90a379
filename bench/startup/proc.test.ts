import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDaemonPid, listeningInodes, socketOwnerPid } from './daemon-pid.js';
import { cpuMsFromStat, rssBytesFromStatus } from './proc.js';

const NET_UNIX = `Num       RefCount Protocol Flags    Type St Inode Path
0000000000000000: 00000002 00000000 00010000 0001 01 4242 /var/run/docker.sock
0000000000000000: 00000003 00000000 00000000 0001 03 4343 /var/run/docker.sock
0000000000000000: 00000002 00000000 00010000 0001 01 5555 /run/other.sock
`;

describe('/proc parsing', () => {
  it('reads utime + stime past a comm with spaces and parens', () => {
    const stat = '123 (my (odd) daemon) S 1 123 123 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 1000 1 1';
    expect(cpuMsFromStat(stat)).toBe(3000);
  });
  it('reads VmRSS in bytes', () => {
    expect(rssBytesFromStatus('Name:\tdockerd\nVmRSS:\t   88500 kB\n')).toBe(88500 * 1024);
    expect(() => rssBytesFromStatus('Name: x\n')).toThrow(/VmRSS/);
  });
  it('keeps only listening sockets bound to the path', () => {
    expect([...listeningInodes(NET_UNIX, new Set(['/var/run/docker.sock']))]).toEqual(['4242']);
  });
});

describe('daemon pid lookup (fake /proc)', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const fakeProc = async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-proc-'));
    const proc = join(dir, 'proc');
    await mkdir(join(proc, 'net'), { recursive: true });
    await writeFile(join(proc, 'net', 'unix'), NET_UNIX);
    for (const [pid, target] of [
      ['10', 'socket:[4343]'],
      ['77', 'socket:[4242]'],
    ] as const) {
      await mkdir(join(proc, pid, 'fd'), { recursive: true });
      await symlink(target, join(proc, pid, 'fd', '3'));
    }
    return proc;
  };
  it('finds the owner of the listening socket, not a client', async () => {
    expect(await socketOwnerPid('/var/run/docker.sock', await fakeProc())).toBe(77);
  });
  it('falls back to the peers pid file, then to a note', async () => {
    const procRoot = await fakeProc();
    await writeFile(join(dir, 'podman.pid'), '991\n');
    expect(await findDaemonPid('/run/podman/podman.sock', 'podman', { procRoot, peersDir: dir })).toEqual({
      pid: 991,
      source: '/run/shipshape-peers/podman.pid',
    });
    const none = await findDaemonPid('/run/podman/podman.sock', 'x', { procRoot, peersDir: dir });
    expect(none).toEqual({ note: expect.stringContaining('daemon pid not found') });
  });
});
