import { isDeepStrictEqual } from 'node:util';
import { diffArrays } from './diff-arrays.js';
import { jsonType } from './json-type.js';
import type { CompareRules } from './model/types.js';
import { covered, matches, parsePattern, type Segment, toPointer } from './pointer.js';
import { type BodyDifference, sideOf } from './side.js';
import type { Walker } from './walker.js';

/**
 * Structural diff of two JSON values. Objects recurse by key (missing/extra), except `maps`; a JSON
 * type that differs is a type-change; values are compared only under `byValue` patterns (value-change).
 * Arrays: see diff-arrays.ts.
 */
export function diffBodies(
  reference: unknown,
  candidate: unknown,
  rules: CompareRules = {},
): BodyDifference[] {
  const out: BodyDifference[] = [];
  const walker: Walker = {
    byValue: (rules.byValue ?? []).map(parsePattern),
    keyed: (rules.keyed ?? []).map((k) => ({ path: parsePattern(k.path), key: k.key })),
    maps: (rules.maps ?? []).map(parsePattern),
    out,
    walk: (ref, cand, refPath, candPath) => walk(walker, ref, cand, refPath, candPath),
    report: (kind, refPath, candPath, ref, cand, key) => {
      const pointer = toPointer(refPath);
      const other = toPointer(candPath);
      out.push({
        pointer,
        ...(other !== pointer ? { candidatePointer: other } : {}),
        kind,
        ...(key === undefined ? {} : { key }),
        ...(ref ? { reference: ref } : {}),
        ...(cand ? { candidate: cand } : {}),
      });
    },
  };
  walker.walk(reference, candidate, [], []);
  return out;
}

function walk(w: Walker, ref: unknown, cand: unknown, refPath: Segment[], candPath: Segment[]): void {
  const rt = jsonType(ref);
  const ct = jsonType(cand);
  if (rt !== ct) {
    w.report('type-change', refPath, candPath, sideOf(ref, rt), sideOf(cand, ct));
    return;
  }
  if (rt === 'object') {
    diffObjects(w, ref as Record<string, unknown>, cand as Record<string, unknown>, refPath, candPath);
    return;
  }
  const byValue = covered(w.byValue, refPath);
  if (byValue) {
    if (!isDeepStrictEqual(ref, cand)) w.report('value-change', refPath, candPath, sideOf(ref), sideOf(cand));
    return;
  }
  if (rt === 'array') diffArrays(w, ref as unknown[], cand as unknown[], refPath, candPath);
}

function diffObjects(
  w: Walker,
  ref: Record<string, unknown>,
  cand: Record<string, unknown>,
  refPath: Segment[],
  candPath: Segment[],
): void {
  if (w.maps.some((m) => matches(m, refPath))) {
    const [r, c] = [Object.entries(ref)[0], Object.entries(cand)[0]];
    if (r && c) w.walk(r[1], c[1], [...refPath, r[0]], [...candPath, c[0]]);
    return;
  }
  for (const [key, value] of Object.entries(ref)) {
    if (Object.hasOwn(cand, key)) w.walk(value, cand[key], [...refPath, key], [...candPath, key]);
    else w.report('missing', [...refPath, key], [...candPath, key], sideOf(value));
  }
  for (const [key, value] of Object.entries(cand)) {
    if (!Object.hasOwn(ref, key))
      w.report('extra', [...refPath, key], [...candPath, key], undefined, sideOf(value));
  }
}
