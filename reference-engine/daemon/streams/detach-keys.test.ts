import { describe, expect, it } from 'vitest';
import { DEFAULT_DETACH_KEYS, DetachDetector, parseDetachKeys } from './detach-keys.js';

describe('parseDetachKeys', () => {
  it('reads ctrl- names, single characters and DEL', () => {
    expect([...parseDetachKeys('ctrl-p,ctrl-q')]).toEqual([0x10, 0x11]);
    expect([...parseDetachKeys('ctrl-@,ctrl-[,ctrl-_,a,DEL')]).toEqual([0, 27, 31, 0x61, 0x7f]);
    expect(parseDetachKeys(undefined)).toBe(DEFAULT_DETACH_KEYS);
  });

  it('refuses unknown keys', () => {
    expect(() => parseDetachKeys('ctrl-1')).toThrow(/Invalid detach keys/);
    expect(() => parseDetachKeys('ab')).toThrow(/Invalid detach keys/);
  });
});

describe('DetachDetector', () => {
  const keys = Buffer.from([0x10, 0x11]);

  it('passes input and detaches on the sequence, split across chunks', () => {
    const d = new DetachDetector(keys);
    expect(d.push(Buffer.from('ab\x10'))).toEqual({ pass: Buffer.from('ab'), detached: false });
    expect(d.push(Buffer.from('\x11zz'))).toEqual({ pass: Buffer.from(''), detached: true });
  });

  it('gives back a held prefix that the next byte breaks', () => {
    const d = new DetachDetector(keys);
    expect(d.push(Buffer.from('\x10x\x10\x10')).pass).toEqual(Buffer.from('\x10x\x10'));
    expect(d.push(Buffer.from('\x11'))).toEqual({ pass: Buffer.from(''), detached: true });
  });
});
