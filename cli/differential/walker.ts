import type { Segment } from './pointer.js';
import type { BodyDifference, DiffKind, Side } from './side.js';

/** The walk's state: compiled rules and where differences go. */
export interface Walker {
  readonly byValue: readonly (readonly string[])[];
  readonly keyed: readonly { readonly path: readonly string[]; readonly key: string }[];
  readonly maps: readonly (readonly string[])[];
  readonly out: BodyDifference[];
  walk(ref: unknown, cand: unknown, refPath: Segment[], candPath: Segment[]): void;
  report(
    kind: DiffKind,
    refPath: Segment[],
    candPath: Segment[],
    ref?: Side,
    cand?: Side,
    key?: string,
  ): void;
}
