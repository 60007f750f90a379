import { closeSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect } from 'vitest';
import { cli, hostDir, nsOf, processAlive, waitMarker } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import {
  consoleUnavailable,
  contract,
  execDetached,
  execReport,
  expectRefusal,
  lastJson,
  processOf,
  refusalMessage,
  runLogged,
  sharedRunning,
  startRunning,
  useConsoleReceiver,
  useRuntimeCli,
} from './support/index.js';

useRuntimeCli();
const consoleBuild = useConsoleReceiver();
const opts = (...ids: string[]) => contract('exec', ...ids);
const NAMESPACES = ['mnt', 'pid', 'net', 'ipc', 'uts', 'cgroup', 'user'];
const inode = (link: string | undefined) => Number(/\[(\d+)\]/.exec(link ?? '')?.[1] ?? Number.NaN);

interface Report {
  namespaces?: Record<string, number>;
  cgroup?: { id: number; controllers: string; path: string }[];
  argv?: string[];
  env?: string[];
  cwd?: string;
  user?: { uid: number; gid: number; groups: number[] };
  capabilities?: Record<string, { names: string[] }>;
  fds?: { fd: number; target: string }[];
  tty?: { stdin: boolean; stdout: boolean; stderr: boolean };
}

describe('exec --process: the process file, inside the container', () => {
  conformance('runs in every namespace of the container', opts('exec.namespaces'), async () => {
    const c = await sharedRunning();
    const r = await execReport<Report>(c, ['namespaces']);
    for (const ns of NAMESPACES) {
      const init = nsOf(c.pid, ns);
      if (init === undefined) continue;
      expect(r.namespaces?.[ns], `${ns} namespace`).toBe(inode(init));
    }
  });

  conformance('runs in the cgroups of the container', opts('exec.cgroup'), async () => {
    const c = await sharedRunning();
    const r = await execReport<Report>(c, ['cgroup']);
    const init = (await readFile(`/proc/${c.pid}/cgroup`, 'utf8')).trim().split('\n').sort();
    const seen = (r.cgroup ?? []).map((g) => `${g.id}:${g.controllers}:${g.path}`).sort();
    expect(seen).toEqual(init);
  });

  conformance('runs the program and arguments of the file', opts('exec.process-args'), async () => {
    const c = await sharedRunning();
    const r = await execReport<Report>(c, ['argv', 'env']);
    expect(r.argv).toEqual(['/bin/probe', 'report', 'argv', 'env']);
  });

  conformance(
    'gives the environment of the file, not the container one',
    opts('exec.process-env'),
    async () => {
      const c = await sharedRunning();
      const env = ['PATH=/bin', 'RTCLI_FROM=process-file'];
      const r = await execReport<Report>(c, ['env'], { env });
      expect(r.env).toEqual(expect.arrayContaining(env));
      expect(r.env).not.toContain('TERM=xterm');
    },
  );

  conformance('starts in the working directory of the file', opts('exec.process-cwd'), async () => {
    const c = await sharedRunning();
    expect((await execReport<Report>(c, ['cwd'], { cwd: '/bin' })).cwd).toBe('/bin');
  });

  conformance('runs as the user of the file', opts('exec.process-user'), async () => {
    const c = await sharedRunning();
    const r = await execReport<Report>(c, ['user'], {
      user: { uid: 1000, gid: 1001, additionalGids: [2000] },
    });
    expect(r.user).toMatchObject({ uid: 1000, gid: 1001 });
    expect(r.user?.groups).toContain(2000);
  });

  conformance('has the capability sets of the file', opts('exec.process-caps'), async () => {
    const c = await sharedRunning();
    const capabilities = {
      bounding: ['CAP_KILL', 'CAP_CHOWN'],
      effective: ['CAP_KILL'],
      permitted: ['CAP_KILL'],
    };
    const r = await execReport<Report>(c, ['capabilities'], { capabilities });
    expect(r.capabilities?.bounding?.names.sort()).toEqual(['CAP_CHOWN', 'CAP_KILL']);
    expect(r.capabilities?.effective?.names).toEqual(['CAP_KILL']);
    expect(r.capabilities?.permitted?.names).toEqual(['CAP_KILL']);
  });
});

describe('exec COMMAND: the container process settings', () => {
  const report = async (flags: { env?: string[]; cwd?: string; user?: string } = {}) => {
    const c = await sharedRunning();
    const r = await cli().exec(c.id, { args: ['/bin/probe', 'report', 'env', 'cwd', 'user'], ...flags });
    expect(r.exitCode, r.stderr).toBe(0);
    return lastJson<Report>(r.stdout);
  };

  conformance(
    'runs the command with the env, cwd and user of config.json',
    opts('exec.command'),
    async () => {
      const r = await report();
      expect(r.env).toEqual(expect.arrayContaining(['TERM=xterm']));
      expect(r.cwd).toBe('/');
      expect(r.user).toMatchObject({ uid: 0, gid: 0 });
    },
  );

  conformance('--env adds a variable and keeps the others', opts('exec.env-flag'), async () => {
    const r = await report({ env: ['RTCLI_FLAG=on'] });
    expect(r.env).toEqual(expect.arrayContaining(['RTCLI_FLAG=on', 'TERM=xterm']));
  });

  conformance('--cwd sets the working directory', opts('exec.cwd-flag'), async () => {
    expect((await report({ cwd: '/bin' })).cwd).toBe('/bin');
  });

  conformance('--user sets uid and gid', opts('exec.user-flag'), async () => {
    expect((await report({ user: '1000:1001' })).user).toMatchObject({ uid: 1000, gid: 1001 });
  });
});

describe('exec in the foreground', () => {
  conformance('exits with the status of the process', opts('exec.exit-status'), async () => {
    const c = await sharedRunning();
    const r = await cli().exec(c.id, { process: processOf(c.bundle, { args: ['/bin/probe', 'exit', '7'] }) });
    expect(r.exitCode).toBe(7);
  });

  conformance("relays the process's stdout and stderr", opts('exec.stdio'), async () => {
    const c = await sharedRunning();
    const args = ['/bin/probe', 'sh', '-c', 'echo rtcli-out; stderr rtcli-err'];
    const r = await cli().exec(c.id, { process: processOf(c.bundle, { args }) });
    expect(r.stdout).toContain('rtcli-out');
    expect(r.stderr).toContain('rtcli-err');
    expect(r.stdout).not.toContain('rtcli-err');
  });
});

describe('exec --detach and --pid-file', () => {
  conformance('--detach returns while the process keeps running', opts('exec.detach'), async () => {
    const c = await startRunning('detach');
    const args = ['/bin/probe', 'sh', '-c', 'write /out/detached yes; exec probe sleep 30'];
    await cli().exec(c.id, { process: processOf(c.bundle, { args }), detach: true, timeoutMs: 8000 });
    const marker = () => readFile(join(c.out, 'detached'), 'utf8').catch(() => '');
    await waitFor(async () => (await marker()) === 'yes', {
      timeoutMs: 5000,
      intervalMs: 20,
      describe: 'the detached process to write its marker',
    });
    const others = (await cli().ps(c.id)).filter((p) => p !== c.pid);
    expect(others).toHaveLength(1);
    expect(await processAlive(others[0] ?? 0)).toBe(true);
    expect(await readFile(join(c.out, 'detached'), 'utf8')).toBe('yes');
  });

  conformance('--pid-file holds the host pid of the new process', opts('exec.pid-file'), async () => {
    const c = await startRunning('pidfile');
    const pid = await execDetached(c, ['/bin/probe', 'sleep', '30']);
    expect(pid).not.toBe(c.pid);
    expect(await processAlive(pid)).toBe(true);
    expect(nsOf(pid, 'pid')).toBe(nsOf(c.pid, 'pid'));
    expect((await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')).toEqual([
      '/bin/probe',
      'sleep',
      '30',
      '',
    ]);
    expect(await cli().ps(c.id)).toContain(pid);
  });
});

describe('exec --preserve-fds', () => {
  const withFd = async <T>(fn: (fd: number, path: string) => Promise<T>): Promise<T> => {
    const path = join(await hostDir('fds'), 'passed-fd');
    await writeFile(path, 'fd payload');
    const fd = openSync(path, 'r');
    try {
      return await fn(fd, path);
    } finally {
      closeSync(fd);
    }
  };

  conformance('--preserve-fds 1 passes fd 3 to the process', opts('exec.preserve-fds'), async () => {
    const c = await sharedRunning();
    const fds = await withFd(async (fd) => {
      const process = processOf(c.bundle, { args: ['/bin/probe', 'report', 'fds'] });
      const r = await cli().exec(c.id, { process, preserveFds: 1, extraFds: [fd] });
      return lastJson<Report>(r.stdout).fds ?? [];
    });
    expect(fds.find((f) => f.fd === 3)?.target).toMatch(/passed-fd$/);
  });

  conformance(
    'without --preserve-fds only stdio reaches the process',
    opts('exec.preserve-fds'),
    async () => {
      const c = await sharedRunning();
      const fds = await withFd(async (fd) => {
        const process = processOf(c.bundle, { args: ['/bin/probe', 'report', 'fds'] });
        const r = await cli().exec(c.id, { process, extraFds: [fd] });
        return lastJson<Report>(r.stdout).fds ?? [];
      });
      expect(fds.map((f) => f.fd)).toEqual([0, 1, 2]);
    },
  );
});

describe('exec --console-socket', () => {
  const unavailable = consoleUnavailable();
  // each test is skipped with the reason (a describe.skipIf would skip them without one)
  beforeEach((t) => {
    if (unavailable) t.skip(unavailable);
  });

  conformance(
    'a terminal process gets a pty whose master arrives on the socket',
    opts('exec.console-socket'),
    async () => {
      const c = await sharedRunning();
      const receiver = await consoleBuild.listen();
      const process = processOf(c.bundle, { args: ['/bin/probe', 'report', 'tty'], terminal: true });
      await cli().exec(c.id, { process, detach: true, consoleSocket: receiver.socket });
      await waitFor(() => receiver.output().includes('"tty"'), {
        timeoutMs: 10_000,
        intervalMs: 20,
        describe: 'the terminal output on the console socket',
      });
      const line =
        receiver
          .output()
          .split(/\r?\n/)
          .find((l) => l.includes('"tty"')) ?? '';
      expect(JSON.parse(line)).toEqual({ tty: { stdin: true, stdout: true, stderr: true } });
    },
  );
});

describe('exec errors', () => {
  conformance(
    'a detached terminal process without a console socket is refused',
    opts('exec.tty-needs-socket'),
    async () => {
      const c = await sharedRunning();
      const process = processOf(c.bundle, { args: ['/bin/probe', 'sleep', '30'], terminal: true });
      await expectRefusal(cli().exec(c.id, { process, detach: true }));
      expect(await cli().ps(c.id)).toEqual([c.pid]);
    },
  );

  conformance('fails on a stopped container and runs nothing', opts('exec.not-running'), async () => {
    const c = await startRunning('exec-stopped');
    await cli().kill(c.id, 'SIGTERM');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    const process = processOf(c.bundle, { args: ['/bin/probe', 'write', '/out/ran', 'yes'] });
    await expectRefusal(cli().exec(c.id, { process }));
    expect((await cli().state(c.id)).status).toBe('stopped');
    await expect(readFile(join(c.out, 'ran'))).rejects.toThrow();
  });

  conformance('is refused in a paused container', opts('exec.paused'), async () => {
    const c = await startRunning('exec-paused');
    await cli().pause(c.id);
    const process = processOf(c.bundle, { args: ['/bin/probe', 'write', '/out/ran', 'yes'] });
    await expectRefusal(cli().exec(c.id, { process, timeoutMs: 5000 }));
    expect((await cli().state(c.id)).status).toBe('paused');
    await cli().resume(c.id);
    await waitMarker(c);
    await expect(readFile(join(c.out, 'ran'))).rejects.toThrow();
  });

  conformance('refuses a process file that is not JSON', opts('exec.bad-process'), async () => {
    const c = await sharedRunning();
    const processFile = join(await hostDir('bad'), 'process.json');
    await writeFile(processFile, '{"args": ["/bin/probe", "write", "/out/bad-ran", "yes"');
    refusalMessage(await runLogged(['exec', '--process', processFile, c.id]));
    expect((await cli().state(c.id)).status).toBe('running');
    await expect(readFile(join(c.out, 'bad-ran'))).rejects.toThrow();
  });

  conformance('refuses a process file without args', opts('exec.bad-process'), async () => {
    const c = await sharedRunning();
    const processFile = join(await hostDir('noargs'), 'process.json');
    const { args: _, ...rest } = processOf(c.bundle, {});
    await writeFile(processFile, JSON.stringify(rest));
    refusalMessage(await runLogged(['exec', '--process', processFile, c.id]));
    expect((await cli().state(c.id)).status).toBe('running');
    expect(await cli().ps(c.id)).toEqual([c.pid]);
  });

  conformance('fails with neither a command nor a process file', opts('exec.no-command'), async () => {
    const c = await sharedRunning();
    refusalMessage(await runLogged(['exec', c.id], { timeoutMs: 5000 }));
    expect(await cli().ps(c.id)).toEqual([c.pid]);
  });
});
