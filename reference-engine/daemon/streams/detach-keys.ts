import { InvalidArgument } from '../../errors.js';

/** Docker's default detach sequence: ctrl-p, ctrl-q. */
export const DEFAULT_DETACH_KEYS = Buffer.from([0x10, 0x11]);

const CTRL_NAMES = ['@', ...'abcdefghijklmnopqrstuvwxyz', '[', '\\', ']', '^', '_'];

/**
 * A `detachKeys` value as bytes (moby term.ToBytes): comma-separated keys, each one character or
 * `ctrl-<c>` with c in a-z @ [ \ ] ^ _ (or `DEL`). Empty or absent = the default sequence.
 */
export function parseDetachKeys(text: string | undefined): Buffer {
  if (text === undefined || text === '') return DEFAULT_DETACH_KEYS;
  const codes = text.split(',').map((key) => {
    if (key.length === 1) return key.charCodeAt(0);
    if (key === 'DEL') return 0x7f;
    const code = key.startsWith('ctrl-') && key.length === 6 ? CTRL_NAMES.indexOf(key.slice(5)) : -1;
    if (code < 0 || code > 0xff) throw new InvalidArgument(`Invalid detach keys (${text}) provided`);
    return code;
  });
  if (codes.some((c) => c > 0xff)) throw new InvalidArgument(`Invalid detach keys (${text}) provided`);
  return Buffer.from(codes);
}

/**
 * Watches a client's stdin for the detach sequence (moby's escape proxy): bytes pass through except a
 * prefix of the sequence, held back until the next byte shows whether the whole sequence follows.
 * Once it does, `push` reports `detached` and what came before the sequence.
 */
export class DetachDetector {
  private matched = 0;

  constructor(private readonly keys: Buffer) {}

  push(chunk: Buffer): { pass: Buffer; detached: boolean } {
    if (this.keys.length === 0) return { pass: chunk, detached: false };
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === this.keys[this.matched]) {
        this.matched += 1;
        if (this.matched === this.keys.length) return { pass: Buffer.from(out), detached: true };
        continue;
      }
      // A broken partial match: the held bytes were input after all.
      for (let i = 0; i < this.matched; i++) out.push(this.keys[i] as number);
      this.matched = 0;
      if (byte === this.keys[0]) this.matched = 1;
      else out.push(byte);
    }
    return { pass: Buffer.from(out), detached: false };
  }
}
