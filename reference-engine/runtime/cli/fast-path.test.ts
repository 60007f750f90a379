import { describe, expect, it } from 'vitest';
import { parseFast } from './fast-path.js';

describe('parseFast', () => {
  it('parses runc-style global flags, the command, its flags and positionals', () => {
    const a = parseFast(['--root', '/r', '--log=/l', '--log-format', 'json', 'kill', '--all', 'c1', 'KILL']);
    expect(a).toEqual({
      global: { root: '/r', log: '/l', logFormat: 'json', debug: false },
      command: 'kill',
      flags: { all: true },
      positionals: ['c1', 'KILL'],
    });
    expect(parseFast(['run', '-b', '/b', '-d', 'x'])?.flags).toEqual({ bundle: '/b', detach: true });
    expect(parseFast(['kill', 'c', '-9'])?.positionals).toEqual(['c', '-9']);
  });

  it('reads exec flags before the id, repeats --env, and leaves the command after the id alone', () => {
    const a = parseFast([
      'exec',
      '-e',
      'A=1',
      '--env=B=2',
      '-d',
      '--preserve-fds',
      '1',
      'c1',
      'sh',
      '-c',
      'x',
    ]);
    expect(a?.flags).toEqual({ env: ['A=1', 'B=2'], detach: true, 'preserve-fds': '1' });
    expect(a?.positionals).toEqual(['c1', 'sh', '-c', 'x']);
    expect(parseFast(['update', '-r', '-', 'c1'])).toMatchObject({
      flags: { resources: '-' },
      positionals: ['c1'],
    });
    expect(parseFast(['list', '-q'])?.flags).toEqual({ quiet: true });
    expect(parseFast(['ps', '-f', 'json', 'c1'])?.flags).toEqual({ format: 'json' });
    expect(parseFast(['delete', '-f', 'c1'])?.flags).toEqual({ force: true });
  });

  it('leaves anything it does not know to yargs', () => {
    expect(parseFast(['--help'])).toBeUndefined();
    expect(parseFast(['checkpoint', 'c1'])).toBeUndefined();
    expect(parseFast(['--systemd-cgroup', 'create', 'c1'])).toBeUndefined();
    expect(parseFast(['create', '--nope', 'x'])).toBeUndefined();
    expect(parseFast(['--root'])).toBeUndefined();
  });
});
