import { jsonType } from './json-type.js';

export type DiffKind = 'missing' | 'extra' | 'type-change' | 'value-change' | 'status-change';
export const DIFF_KINDS: readonly DiffKind[] = [
  'missing',
  'extra',
  'type-change',
  'value-change',
  'status-change',
];

/** One side of a difference: its JSON type, and its value when short enough to show. */
export interface Side {
  readonly type: string;
  readonly value?: unknown;
}

/** One difference inside a body (or the status, for `status-change`). */
export interface BodyDifference {
  /**
   * Where, in the reference body (`` is the whole body); for `extra`, where it would be. An extra element
   * of a keyed array has the candidate's index.
   */
  readonly pointer: string;
  /** Where in the candidate body, when not the same place (arrays matched by key). */
  readonly candidatePointer?: string;
  readonly kind: DiffKind;
  /** For an element of a keyed array: `Destination="/data"`. */
  readonly key?: string;
  readonly reference?: Side;
  readonly candidate?: Side;
}

const MAX_VALUE_CHARS = 1000;

/** A side with its value kept when its JSON is at most 1000 characters. */
export function sideOf(value: unknown, type: string = jsonType(value)): Side {
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_VALUE_CHARS ? { type, value: value ?? null } : { type };
}
