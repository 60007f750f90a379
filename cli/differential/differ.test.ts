import { describe, expect, it } from 'vitest';
import { compareStep } from './compare.js';
import { diffBodies } from './differ.js';
import { normalise } from './normalise.js';
import { covered, matches, parsePattern, toPointer } from './pointer.js';

const kinds = (ds: readonly { pointer: string; kind: string }[]) => ds.map((d) => `${d.kind} ${d.pointer}`);

describe('diffBodies', () => {
  it('reports missing and extra fields by pointer, with their types and values', () => {
    const ds = diffBodies({ a: 1, b: { c: 'x' } }, { b: { d: true }, e: null });
    expect(ds).toEqual([
      { pointer: '/a', kind: 'missing', reference: { type: 'number', value: 1 } },
      { pointer: '/b/c', kind: 'missing', reference: { type: 'string', value: 'x' } },
      { pointer: '/b/d', kind: 'extra', candidate: { type: 'boolean', value: true } },
      { pointer: '/e', kind: 'extra', candidate: { type: 'null', value: null } },
    ]);
  });

  it('reports type changes (null vs object, number vs string, array vs null) wherever they are', () => {
    const ds = diffBodies({ a: null, b: 1, c: [], d: 'same' }, { a: {}, b: '1', c: null, d: 'other' });
    expect(kinds(ds)).toEqual(['type-change /a', 'type-change /b', 'type-change /c']);
    expect(ds[1]).toMatchObject({
      reference: { type: 'number', value: 1 },
      candidate: { type: 'string', value: '1' },
    });
  });

  it('compares values only under byValue patterns, and a pattern covers its subtree', () => {
    const ref = { State: { Status: 'running', Pid: 1 }, Labels: { a: '1', b: '2' }, Env: ['A=1', 'B=2'] };
    const cand = { State: { Status: 'exited', Pid: 2 }, Labels: { a: '9', c: '3' }, Env: ['B=2', 'A=1'] };
    expect(kinds(diffBodies(ref, cand))).toEqual(['missing /Labels/b', 'extra /Labels/c']);
    const ds = diffBodies(ref, cand, { byValue: ['/State/Status', '/Labels', '/Env'] });
    expect(kinds(ds)).toEqual([
      'value-change /State/Status',
      'value-change /Labels/a',
      'missing /Labels/b',
      'extra /Labels/c',
      'value-change /Env',
    ]);
    expect(ds[4]).toMatchObject({
      reference: { value: ['A=1', 'B=2'] },
      candidate: { value: ['B=2', 'A=1'] },
    });
  });

  it('pairs short arrays of objects by index, nested arrays included', () => {
    const ref = { list: [{ a: 1, in: [{ x: 1 }] }, { a: 2 }, { a: 3 }] };
    const cand = { list: [{ a: 1, in: [{ x: 'one' }, { x: 2 }] }, { a: '2' }] };
    expect(kinds(diffBodies(ref, cand))).toEqual([
      'type-change /list/0/in/0/x',
      'extra /list/0/in/1',
      'type-change /list/1/a',
      'missing /list/2',
    ]);
  });

  it('compares arrays of scalars by element type only', () => {
    expect(diffBodies({ t: ['a', 'b', 'c'] }, { t: ['d'] })).toEqual([]);
    expect(diffBodies({ t: [] }, { t: [1] })).toEqual([]);
    expect(diffBodies({ t: ['1'] }, { t: ['1', 2] })).toEqual([
      {
        pointer: '/t',
        kind: 'type-change',
        reference: { type: 'array<string>' },
        candidate: { type: 'array<number|string>' },
      },
    ]);
  });

  it('pairs keyed arrays by their key: order does not matter, unmatched elements carry the key', () => {
    const ref = {
      Mounts: [
        { Destination: '/data', RW: true },
        { Destination: '/tmp', RW: true },
      ],
    };
    const cand = {
      Mounts: [
        { Destination: '/etc', RW: true },
        { Destination: '/data', RW: 'yes' },
      ],
    };
    const rules = { keyed: [{ path: '/Mounts', key: 'Destination' }] };
    expect(diffBodies(ref, { Mounts: [...ref.Mounts].reverse() }, rules)).toEqual([]);
    const ds = diffBodies(ref, cand, rules);
    expect(ds).toMatchObject([
      { pointer: '/Mounts/0/RW', candidatePointer: '/Mounts/1/RW', kind: 'type-change' },
      { pointer: '/Mounts/1', kind: 'missing', key: 'Destination="/tmp"' },
      { pointer: '/Mounts/0', kind: 'extra', key: 'Destination="/etc"' },
    ]);
    // by index the same pair would be all type-changes and nothing missing
    expect(kinds(diffBodies(ref, cand))).toEqual(['type-change /Mounts/1/RW']);
  });

  it('compares long arrays by the shape of their first elements', () => {
    const ref = Array.from({ length: 20 }, (_, i) => ({ n: i }));
    expect(diffBodies(ref, [{ n: 0 }])).toEqual([]);
    expect(kinds(diffBodies(ref, [{ n: '0' }]))).toEqual(['type-change /0/n']);
  });

  it('treats maps keyed by ids as maps: no missing/extra keys, one entry shape against another', () => {
    const rules = { maps: ['/Containers'] };
    expect(
      diffBodies({ Containers: { abc: { Name: 'x' } } }, { Containers: { def: { Name: 'y' } } }, rules),
    ).toEqual([]);
    const ds = diffBodies(
      { Containers: { abc: { Name: 'x' } } },
      { Containers: { def: { Name: 1 } } },
      rules,
    );
    expect(ds).toMatchObject([
      { pointer: '/Containers/abc/Name', candidatePointer: '/Containers/def/Name', kind: 'type-change' },
    ]);
  });

  it('escapes / and ~ in pointers', () => {
    expect(kinds(diffBodies({ 'a/b': 1, 'c~d': 1 }, {}))).toEqual(['missing /a~1b', 'missing /c~0d']);
    expect(toPointer([])).toBe('');
  });
});

describe('pointer patterns', () => {
  it('matches * as one segment and ** as any number', () => {
    expect(matches(parsePattern('/*/Names'), [0, 'Names'])).toBe(true);
    expect(matches(parsePattern('/*/Names'), [0, 'x', 'Names'])).toBe(false);
    expect(matches(parsePattern('/**/ExitCode'), ['State', 'ExitCode'])).toBe(true);
    expect(matches(parsePattern('/**/ExitCode'), ['ExitCode'])).toBe(true);
    expect(matches(parsePattern(''), [])).toBe(true);
    expect(covered([parsePattern('/Config/Labels')], ['Config', 'Labels', 'a'])).toBe(true);
    expect(covered([parsePattern('/Config/Labels')], ['Config'])).toBe(false);
  });
});

describe('normalise', () => {
  it('replaces the run token in values and keys, nothing else', () => {
    expect(normalise({ n: '/x-ab12-y', l: { 'k-ab12': ['ab12'] }, z: 3 }, ['ab12'])).toEqual({
      n: '/x-<unique>-y',
      l: { 'k-<unique>': ['<unique>'] },
      z: 3,
    });
  });
});

describe('compareStep', () => {
  const c = (status: number, body: unknown, error?: string) => ({
    request: 'GET /x',
    status,
    body,
    ...(error ? { error } : {}),
  });

  it('reports a status change and still compares two error bodies', () => {
    const ds = compareStep(c(409, { message: 'a' }), c(500, { message: 'b', cause: 'c' }));
    expect(ds).toEqual([
      {
        pointer: '',
        kind: 'status-change',
        reference: { type: 'number', value: 409 },
        candidate: { type: 'number', value: 500 },
      },
      { pointer: '/cause', kind: 'extra', candidate: { type: 'string', value: 'c' } },
    ]);
  });

  it('does not compare a success body with an error body; the note carries the message', () => {
    const ds = compareStep(c(200, { Name: 'none' }), c(404, { message: 'no such network' }));
    expect(ds).toEqual([
      expect.objectContaining({ kind: 'status-change', note: 'candidate: no such network' }),
    ]);
  });

  it('a side with no answer is a status change with its error; two failures are no difference', () => {
    expect(compareStep(c(200, {}), c(0, null, 'timed out'))).toEqual([
      expect.objectContaining({ kind: 'status-change', note: 'candidate: timed out' }),
    ]);
    expect(compareStep(c(0, null, 'x'), c(0, null, 'y'))).toEqual([]);
  });
});
