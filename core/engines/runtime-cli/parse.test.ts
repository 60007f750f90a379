import { describe, expect, it } from 'vitest';
import { ShipshapeError } from '../../errors.js';
import { parseEvent, parsePids } from './parse.js';

describe('parsePids', () => {
  it('reads an array of pids, and null or nothing as none', () => {
    expect(parsePids('[12,34]\n', 'ps')).toEqual([12, 34]);
    expect(parsePids('[\n  25644\n]\n', 'ps')).toEqual([25644]);
    expect(parsePids('null\n', 'ps')).toEqual([]);
    expect(parsePids('', 'ps')).toEqual([]);
  });
  it('refuses what is not an array of integers', () => {
    expect(() => parsePids('{"pid":1}', 'ps')).toThrow(ShipshapeError);
    expect(() => parsePids('["1"]', 'ps')).toThrow(/array of pids/);
    expect(() => parsePids('PID\n1', 'ps')).toThrow(/not JSON/);
  });
});

describe('parseEvent', () => {
  it('reads one event with its type, id and data', () => {
    const e = parseEvent('{"type":"stats","id":"c1","data":{"pids":{"current":1}}}', 'events');
    expect(e).toEqual({ type: 'stats', id: 'c1', data: { pids: { current: 1 } } });
  });
  it('refuses a document without type or id', () => {
    expect(() => parseEvent('{"id":"c1"}', 'events')).toThrow(/lacks type\/id/);
    expect(() => parseEvent('[]', 'events')).toThrow(ShipshapeError);
  });
});
