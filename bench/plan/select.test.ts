import { describe, expect, it } from 'vitest';
import { closeIds, globRegExp, selection, splitPatterns, unmatched } from './select.js';

const IDS = [
  'startup/lifecycle/c1',
  'startup/lifecycle/c4',
  'startup/lifecycle/c16',
  'startup/run/c1',
  'extract/large-files/none/parse',
  'extract/large-files/gzip-6/apply/tmpfs',
  'extract/small-files/zstd/decompress',
  'memory/daemon/idle',
];
const picked = (...patterns: string[]) => IDS.filter(selection(patterns).matches);

describe('--only patterns', () => {
  it('globs within a segment, across segments, and selects everything under a prefix', () => {
    expect(picked('extract/large-files/*')).toEqual([
      'extract/large-files/none/parse',
      'extract/large-files/gzip-6/apply/tmpfs',
    ]);
    expect(picked('startup/lifecycle/c1')).toEqual(['startup/lifecycle/c1']);
    expect(picked('startup/*/c1')).toEqual(['startup/lifecycle/c1', 'startup/run/c1']);
    expect(picked('startup')).toHaveLength(4);
    expect(picked('**/apply/*')).toEqual(['extract/large-files/gzip-6/apply/tmpfs']);
    expect(picked('startup/lifecycle/c{4,16}')).toEqual(['startup/lifecycle/c4', 'startup/lifecycle/c16']);
    expect(picked('startup/lifecycle/c?')).toEqual(['startup/lifecycle/c1', 'startup/lifecycle/c4']);
    expect(picked()).toEqual(IDS);
    // a segment prefix is not a match: c1 does not select c16
    expect(globRegExp('startup/lifecycle/c1').test('startup/lifecycle/c16')).toBe(false);
    expect(globRegExp('memory.daemon').test('memoryXdaemon')).toBe(false);
  });

  it('takes repeated flags and comma lists, keeping commas inside braces', () => {
    expect(splitPatterns(['a/*,b', ' c ', 'd/{x,y}', ''])).toEqual(['a/*', 'b', 'c', 'd/{x,y}']);
    expect(unmatched(['startup/run/c1', 'extract/large-file/*'], IDS)).toEqual(['extract/large-file/*']);
  });

  it('suggests close ids for a pattern that selects nothing, cut to its length with its globs kept', () => {
    expect(closeIds('extract/large-file/*', IDS)).toEqual(['extract/large-files/*', 'extract/small-files/*']);
    expect(closeIds('startup/lifecycle/c3', IDS)).toEqual([
      'startup/lifecycle/c1',
      'startup/lifecycle/c4',
      'startup/lifecycle/c16',
    ]);
    expect(closeIds('memroy', IDS)).toEqual(['memory']);
    expect(closeIds('nothing/like/this/at/all', IDS)).toEqual([]);
  });
});
