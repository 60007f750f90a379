import { describe, expect, it } from 'vitest';
import { execArgs, updateArgs } from './command-args.js';

describe('execArgs', () => {
  it('puts the flags before the id and the command after it', () => {
    expect(
      execArgs('c1', {
        processFile: '/p.json',
        detach: true,
        pidFile: '/x.pid',
        consoleSocket: '/s.sock',
        tty: true,
        preserveFds: 2,
        cwd: '/tmp',
        env: ['A=1', 'B=2'],
        user: '1000:1000',
      }),
    ).toEqual([
      'exec',
      '--process',
      '/p.json',
      '--detach',
      '--pid-file',
      '/x.pid',
      '--console-socket',
      '/s.sock',
      '--tty',
      '--preserve-fds',
      '2',
      '--cwd',
      '/tmp',
      '--env',
      'A=1',
      '--env',
      'B=2',
      '--user',
      '1000:1000',
      'c1',
    ]);
    expect(execArgs('c1', { args: ['probe', 'echo', 'hi'] })).toEqual(['exec', 'c1', 'probe', 'echo', 'hi']);
    expect(execArgs('c1', { preserveFds: 0 })).toEqual(['exec', '--preserve-fds', '0', 'c1']);
  });
});

describe('updateArgs', () => {
  it('passes only the flags given', () => {
    expect(updateArgs('c1', { flags: { memory: 1048576, pidsLimit: 5, cpusetCpus: '0' } })).toEqual([
      'update',
      '--memory',
      '1048576',
      '--cpuset-cpus',
      '0',
      '--pids-limit',
      '5',
      'c1',
    ]);
  });
  it('reads a resources document from a file or from stdin', () => {
    const resources = { pids: { limit: 3 } };
    expect(updateArgs('c1', { resources, via: 'file' }, '/r.json')).toEqual([
      'update',
      '--resources',
      '/r.json',
      'c1',
    ]);
    expect(updateArgs('c1', { resources, via: 'stdin' })).toEqual(['update', '--resources', '-', 'c1']);
  });
});
