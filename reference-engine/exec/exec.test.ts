import { describe, expect, it } from 'vitest';
import type { ContainerRecord } from '../containers/types.js';
import { assertCanExec } from './exec-guards.js';
import { execInspect } from './exec-inspect.js';
import { execProcess } from './exec-process.js';
import { execSettings } from './exec-settings.js';
import { ExecStore } from './exec-store.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nshipper:x:1000:1000:shipper:/home/shipper:/bin/sh\n';
const GROUP = 'root:x:0:\nshipper:x:1000:\nextra:x:2000:shipper\n';
const base = {
  process: {
    user: { uid: 0, gid: 0 },
    args: ['/bin/probe', 'sleep', '100'],
    env: ['PATH=/bin', 'HOSTNAME=c1', 'A=from-container', 'HOME=/root'],
    cwd: '/srv',
    capabilities: { bounding: ['CAP_CHOWN'], effective: ['CAP_CHOWN'], permitted: ['CAP_CHOWN'] },
    rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
    terminal: false,
  },
  config: { Env: ['A=from-container', 'B=kept'], User: '' },
  hostname: 'c1',
  passwd: PASSWD,
  group: GROUP,
};

describe('exec settings', () => {
  it("refuses what dockerd refuses, in dockerd's words", () => {
    expect(() => execSettings(undefined)).toThrow(/EOF/);
    expect(() => execSettings({ Cmd: [] })).toThrow('No exec command specified');
    expect(() => execSettings({ Cmd: ['x'], Env: 'A=1' as unknown as string[] })).toThrow(/Env/); // dockerd: 400
    expect(() => execSettings({ Cmd: 'x' as unknown as string[] })).toThrow(/Cmd/);
    expect(() => execSettings({ Cmd: ['x'], Tty: [] as unknown as boolean })).toThrow(/Tty/);
    expect(() => execSettings({ Cmd: [1] })).toThrow(/Cmd/);
  });

  it('inspect shows ProcessConfig, the Open* flags, and user only when set', () => {
    const store = new ExecStore();
    const e = store.create(
      'c1',
      execSettings({ Cmd: ['/bin/probe', 'echo', 'a'], AttachStdin: true, Tty: true }),
    );
    const i = execInspect(e);
    expect(i).toMatchObject({ ID: e.id, Running: false, ExitCode: null, ContainerID: 'c1', Pid: 0 });
    expect(i.ProcessConfig).toEqual({
      tty: true,
      entrypoint: '/bin/probe',
      arguments: ['echo', 'a'],
      privileged: false,
    });
    expect([i.OpenStdin, i.OpenStdout, i.OpenStderr]).toEqual([true, false, false]);
    expect(
      execInspect(store.create('c1', execSettings({ Cmd: ['x'], User: '1000' }))).ProcessConfig.user,
    ).toBe('1000');
  });

  it('the store lists unfinished execs per container and forgets them with it', () => {
    const store = new ExecStore();
    const a = store.create('c1', execSettings({ Cmd: ['x'] }));
    const b = store.create('c1', execSettings({ Cmd: ['y'] }));
    b.status = 'exited';
    expect(store.idsOf('c1')).toEqual([a.id]);
    expect(store.get(b.id)).toBe(b);
    store.forget('c1');
    expect(() => store.get(a.id)).toThrow(/No such exec instance/);
  });
});

describe('exec process', () => {
  it('keeps the container process, with the command, env over the container env, and its cwd', () => {
    const p = execProcess(
      base,
      execSettings({ Cmd: ['/bin/probe', 'report'], Env: ['A=from-exec', 'C=new'] }),
    );
    expect(p.args).toEqual(['/bin/probe', 'report']);
    expect(p.env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HOSTNAME=c1',
      'A=from-exec',
      'B=kept',
      'C=new',
      'HOME=/root',
    ]);
    expect(p.cwd).toBe('/srv');
    expect(p.rlimits).toEqual(base.process.rlimits);
    expect(p.capabilities?.bounding).toEqual(['CAP_CHOWN']);
    expect(p.terminal).toBe(false);
  });

  it('resolves User by name through the container passwd and group, sets WorkingDir and a TTY', () => {
    const p = execProcess(base, execSettings({ Cmd: ['x'], User: 'shipper', WorkingDir: '/tmp', Tty: true }));
    expect(p.user).toMatchObject({ uid: 1000, gid: 1000, additionalGids: [1000, 2000] });
    expect(p.env).toContain('HOME=/home/shipper');
    expect(p.env).toContain('TERM=xterm');
    expect(p.cwd).toBe('/tmp');
    expect(p.terminal).toBe(true);
  });

  it('privileged gets every capability', () => {
    const p = execProcess(base, execSettings({ Cmd: ['x'], Privileged: true }));
    expect(p.capabilities?.effective).toContain('CAP_SYS_ADMIN');
  });

  it('only a running container takes an exec', () => {
    const record = (status: string) => ({ id: 'c1', state: { status } }) as unknown as ContainerRecord;
    expect(() => assertCanExec(record('running'))).not.toThrow();
    expect(() => assertCanExec(record('paused'))).toThrow(/is paused, unpause the container before exec/);
    expect(() => assertCanExec(record('exited'))).toThrow(/is not running/);
  });
});
