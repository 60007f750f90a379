import { describe, expect, it } from 'vitest';
import type { OciProcess } from '../config/oci-config.js';
import { digestIo, digestTerminal } from './io-digest.js';

const proc = (more: Partial<OciProcess> = {}): OciProcess => ({
  user: { uid: 0, gid: 0 },
  args: ['/bin/probe'],
  cwd: '/',
  ...more,
});

describe('the stdio records of the shim', () => {
  it('log mode: log path, stdin FIFO with its once flag, resize FIFO; nothing when not asked', () => {
    expect(
      digestIo({ logPath: '/l/a\tb.log', stdinFifo: '/s/stdin', stdinOnce: true, resizeFifo: '/s/resize' }),
    ).toBe('log\t/l/a\\tb.log\nstdin\t/s/stdin\t1\nresize\t/s/resize\n');
    expect(digestIo({ logPath: '/l.log', stdinFifo: '/s/stdin' })).toBe('log\t/l.log\nstdin\t/s/stdin\t0\n');
    expect(digestIo({ relay: true })).toBe('relay\n');
    expect(digestIo(undefined)).toBe('');
  });

  it('a terminal goes to the console socket or back to the shim, with its size; none without terminal', () => {
    const size = { height: 24, width: 80 };
    expect(digestTerminal(proc({ terminal: true, consoleSize: size }), { relay: true })).toBe(
      'terminal-relay\nconsolesize\t24\t80\n',
    );
    expect(digestTerminal(proc({ terminal: true }), { consoleSocket: '/run/c.sock' })).toBe(
      'terminal\t/run/c.sock\n',
    );
    expect(digestTerminal(proc({ terminal: true }), {})).toBe('');
    expect(digestTerminal(proc(), { relay: true })).toBe('');
  });
});
