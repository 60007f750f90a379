import { constants } from 'node:os';
import { InvalidArgument } from '../../errors.js';

/** `TERM`, `SIGTERM`, `15` -> 15; throws InvalidArgument for anything else. */
export function parseSignal(sig: string | number): number {
  if (typeof sig === 'number' || /^\d+$/.test(sig)) {
    const n = Number(sig);
    if (n > 0 && n <= 64) return n;
    throw new InvalidArgument(`invalid signal ${sig}`);
  }
  const name = sig.toUpperCase().startsWith('SIG') ? sig.toUpperCase() : `SIG${sig.toUpperCase()}`;
  const n = (constants.signals as Record<string, number>)[name];
  if (n === undefined) throw new InvalidArgument(`unknown signal ${sig}`);
  return n;
}
