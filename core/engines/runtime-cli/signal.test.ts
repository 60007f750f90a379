import { describe, expect, it } from 'vitest';
import { ShipshapeError } from '../../errors.js';
import { signalArg } from './signal.js';

describe('signalArg', () => {
  it('turns names and numbers into the numeric form every runtime accepts', () => {
    expect(signalArg('SIGTERM')).toBe('15');
    expect(signalArg('term')).toBe('15');
    expect(signalArg('KILL')).toBe('9');
    expect(signalArg(2)).toBe('2');
    expect(signalArg('10')).toBe('10');
  });

  it('rejects unknown signals', () => {
    expect(() => signalArg('SIGNOPE')).toThrow(ShipshapeError);
    expect(() => signalArg(0)).toThrow(/bad signal/);
  });
});
