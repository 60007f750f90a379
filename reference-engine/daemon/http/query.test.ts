import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { filtersParam, intParam } from './query.js';

describe('query values', () => {
  it('takes integers in range, refuses the rest with a 400', () => {
    expect(intParam({ t: '10' }, 't')).toBe(10);
    expect(intParam({ t: '-1' }, 't')).toBe(-1);
    expect(intParam({}, 't')).toBeUndefined();
    // 1e22 became a timer of 1 ms: `stop?t=` that large killed at once (found by the fuzzer).
    for (const t of ['abc', '1.5', '1e3', '9999999999999999999999', '0x10'])
      expect(() => intParam({ t }, 't'), t).toThrow(InvalidArgument);
  });

  it('takes filters as lists or as objects of booleans, nothing else', () => {
    expect(filtersParam({ filters: '{"label":["a=b"]}' })).toEqual({ label: ['a=b'] });
    expect(filtersParam({ filters: '{"label":{"a=b":true,"c":false}}' })).toEqual({ label: ['a=b'] });
    // {"label":{"a":"b"}} was read as no filter at all, so a prune with it removed everything.
    for (const filters of ['{"label":{"a":"b"}}', '{"label":[1]}', '{"status":"x"}', '[1]', '{'])
      expect(() => filtersParam({ filters }), filters).toThrow(InvalidArgument);
  });
});
