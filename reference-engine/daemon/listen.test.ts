import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import type { DaemonContext } from './context.js';
import { buildServer } from './http/server.js';
import { listenAll, SOCKET_MODE } from './listen.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipd-listen-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(hosts: Parameters<typeof listenAll>[1]) {
  const app = buildServer({} as DaemonContext, {
    version: '0',
    routes: [(a) => a.get('/_ping', async () => 'OK')],
  });
  const closeExtra = await listenAll(app, hosts);
  cleanups.push(async () => {
    await closeExtra();
    await app.close();
  });
  return app;
}

/** Inodes of this process's sockets (from /proc/self/fd). */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Inodes of listening TCP sockets (state 0A) in /proc/net/tcp and tcp6. */
function tcpListenerInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

const ownTcpListeners = () => {
  const tcp = tcpListenerInodes();
  return [...ownSocketInodes()].filter((inode) => tcp.has(inode));
};

function ping(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path: '/_ping' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

describe('listenAll', () => {
  it('the default address is a unix socket of mode 0660, and no TCP listener is opened', async () => {
    const run = scratch();
    const before = ownTcpListeners();
    const config = await parseArgs(['--exec-root', run], '0.0.0');
    expect(config.hosts).toEqual([{ kind: 'unix', path: join(run, 'shipd.sock') }]);
    await serve(config.hosts);
    expect(statSync(join(run, 'shipd.sock')).mode & 0o777).toBe(SOCKET_MODE);
    expect(SOCKET_MODE).toBe(0o660);
    expect(await ping(join(run, 'shipd.sock'))).toBe('OK');
    expect(ownTcpListeners().filter((inode) => !before.includes(inode))).toEqual([]);
  });

  it('-H tcp://127.0.0.1:PORT does open one TCP listener (the check above can see one)', async () => {
    const run = scratch();
    const before = ownTcpListeners();
    const config = await parseArgs(['-H', `unix://${run}/a.sock`, '-H', 'tcp://127.0.0.1:0'], '0.0.0');
    await serve(config.hosts);
    expect(ownTcpListeners().filter((inode) => !before.includes(inode))).toHaveLength(1);
  });

  it('a stale socket file is replaced; a regular file in the way is not', async () => {
    const run = scratch();
    const first = await serve([{ kind: 'unix', path: join(run, 'shipd.sock') }]);
    first.server.close(); // the file stays behind, like a killed daemon's
    await serve([{ kind: 'unix', path: join(run, 'shipd.sock') }]);
    expect(await ping(join(run, 'shipd.sock'))).toBe('OK');
    writeFileSync(join(run, 'file.sock'), 'not a socket');
    await expect(serve([{ kind: 'unix', path: join(run, 'file.sock') }])).rejects.toThrow();
  });
});

describe('parseArgs', () => {
  it.each(['tcp://0.0.0.0:2375', 'tcp://192.168.1.5:2375', 'tcp://example.com:1'])(
    'refuses %s (loopback only)',
    async (host) => {
      await expect(parseArgs(['-H', host], '0.0.0')).rejects.toThrow(/loopback only/);
    },
  );

  it('has dockerd-like defaults', async () => {
    const config = await parseArgs([], '1.2.3');
    expect(config).toMatchObject({
      root: '/var/lib/shipd',
      execRoot: '/run/shipd',
      hosts: [{ kind: 'unix', path: '/run/shipd/shipd.sock' }],
      storageDriver: 'overlay',
      defaultRuntime: 'shiprun',
      liveRestore: false,
    });
  });

  it('refuses an unknown flag, a stray word and a value outside its choices', async () => {
    await expect(parseArgs(['--no-such-flag'], '0')).rejects.toThrow(/no-such-flag.*shipd --help/);
    await expect(parseArgs(['stray'], '0')).rejects.toThrow(/stray/);
    await expect(parseArgs(['--storage-driver', 'zfs'], '0')).rejects.toThrow(
      /zfs: choose from overlay, vfs, btrfs/,
    );
    await expect(parseArgs(['-l', 'loud'], '0')).rejects.toThrow(/loud: choose from debug/);
    expect(await parseArgs(['--storage-driver=vfs', '-l', 'debug', '--live-restore'], '0')).toMatchObject({
      storageDriver: 'vfs',
      logLevel: 'debug',
      liveRestore: true,
    });
  });

  it('takes runtimes as NAME=PATH and refuses a default runtime nobody gave', async () => {
    const config = await parseArgs(['--add-runtime', 'crun=/usr/bin/crun', '--default-runtime', 'crun'], '0');
    expect(config.runtimes).toEqual({ crun: '/usr/bin/crun' });
    await expect(parseArgs(['--default-runtime', 'runc'], '0')).rejects.toThrow(/neither shiprun nor given/);
  });
});
