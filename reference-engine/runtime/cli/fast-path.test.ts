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

  it('leaves anything it does not know to yargs', () => {
    expect(parseFast(['--help'])).toBeUndefined();
    expect(parseFast(['list'])).toBeUndefined();
    expect(parseFast(['create', '--nope', 'x'])).toBeUndefined();
    expect(parseFast(['--root'])).toBeUndefined();
  });
});
