import { isScalar, itemTypes } from './json-type.js';
import { matches, type Segment } from './pointer.js';
import { sideOf as sideOfElement } from './side.js';
import type { Walker } from './walker.js';

/** Arrays up to this length compare element by element; longer ones by the shape of their first element. */
export const SHORT_ARRAY = 16;

const keyOf = (element: unknown, key: string, index: number): string => {
  if (element !== null && typeof element === 'object' && !Array.isArray(element) && key in element)
    return JSON.stringify((element as Record<string, unknown>)[key]);
  return `#${index}`;
};

/**
 * Arrays not compared by value: keyed arrays pair elements by a member (missing/extra by key); arrays of
 * scalars compare element types only (lengths legitimately differ); short arrays pair by index; long
 * ones compare their first elements.
 */
export function diffArrays(
  w: Walker,
  ref: unknown[],
  cand: unknown[],
  refPath: Segment[],
  candPath: Segment[],
) {
  const keyed = w.keyed.find((k) => matches(k.path, refPath));
  if (keyed) return byKey(w, keyed.key, ref, cand, refPath, candPath);
  if (ref.every(isScalar) && cand.every(isScalar)) {
    if (ref.length === 0 || cand.length === 0) return;
    const [rt, ct] = [itemTypes(ref), itemTypes(cand)];
    if (rt !== ct) w.report('type-change', refPath, candPath, { type: rt }, { type: ct });
    return;
  }
  if (ref.length > SHORT_ARRAY || cand.length > SHORT_ARRAY) {
    if (ref.length > 0 && cand.length > 0) w.walk(ref[0], cand[0], [...refPath, 0], [...candPath, 0]);
    return;
  }
  for (let i = 0; i < Math.max(ref.length, cand.length); i++) {
    const [r, c] = [
      [...refPath, i],
      [...candPath, i],
    ];
    if (i >= cand.length) w.report('missing', r, c, sideOfElement(ref[i]));
    else if (i >= ref.length) w.report('extra', r, c, undefined, sideOfElement(cand[i]));
    else w.walk(ref[i], cand[i], r, c);
  }
}

function byKey(
  w: Walker,
  key: string,
  ref: unknown[],
  cand: unknown[],
  refPath: Segment[],
  candPath: Segment[],
) {
  const label = (k: string) => (k.startsWith('#') ? undefined : `${key}=${k}`);
  const index = new Map<string, number>();
  cand.forEach((c, j) => {
    const k = keyOf(c, key, j);
    if (!index.has(k)) index.set(k, j);
  });
  const used = new Set<number>();
  ref.forEach((r, i) => {
    const k = keyOf(r, key, i);
    const j = index.get(k);
    if (j === undefined || used.has(j)) {
      w.report('missing', [...refPath, i], [...candPath, i], sideOfElement(r), undefined, label(k));
      return;
    }
    used.add(j);
    w.walk(r, cand[j], [...refPath, i], [...candPath, j]);
  });
  cand.forEach((c, j) => {
    if (!used.has(j)) {
      const k = keyOf(c, key, j);
      w.report('extra', [...refPath, j], [...candPath, j], undefined, sideOfElement(c), label(k));
    }
  });
}
