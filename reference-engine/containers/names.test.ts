import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../errors.js';
import { checkName, generateName, newContainerId } from './names.js';

describe('container names', () => {
  it.each(['web', '/web', 'a1', 'my_app.v2-x', '0start', 'A.B'])('accepts %s', (name) => {
    expect(checkName(name)).toBe(name.startsWith('/') ? name : `/${name}`);
  });

  it.each(['', 'a', '/a', '-bad', '_x', '.x', 'has space', 'a/b', '//ab', 'ü-name', 'x:y'])(
    'rejects %j',
    (name) => {
      expect(() => checkName(name)).toThrow(InvalidArgument);
    },
  );

  it('says what is allowed, as dockerd does', () => {
    expect(() => checkName('-bad')).toThrow(
      'Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed',
    );
  });

  it('generates a valid name that is not taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const name = generateName((n) => taken.has(n), 'f'.repeat(64));
      expect(checkName(name)).toBe(name);
      expect(taken.has(name)).toBe(false);
      taken.add(name);
    }
  });

  it('falls back to the short id when every try is taken', () => {
    expect(generateName(() => true, `abc${'0'.repeat(61)}`)).toBe('/abc000000000');
  });

  it('makes 64-hex ids whose short form is not all digits', () => {
    for (let i = 0; i < 20; i++) {
      const id = newContainerId();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id.slice(0, 12)).not.toMatch(/^\d+$/);
    }
  });
});
