import { constants } from 'node:os';
import { ShipshapeError } from '../../errors.js';

/** A signal as `SIGTERM`, `TERM` or a number; runtimes accept the number form everywhere. */
export type SignalSpec = string | number;

export function signalArg(signal: SignalSpec): string {
  if (typeof signal === 'number') {
    if (!Number.isInteger(signal) || signal <= 0 || signal > 64) {
      throw new ShipshapeError('INVALID_INPUT', `bad signal number ${signal}`);
    }
    return String(signal);
  }
  const upper = signal.toUpperCase();
  if (/^\d+$/.test(upper)) return signalArg(Number(upper));
  const name = (upper.startsWith('SIG') ? upper : `SIG${upper}`) as NodeJS.Signals;
  const num = constants.signals[name];
  if (num === undefined) throw new ShipshapeError('INVALID_INPUT', `unknown signal ${signal}`);
  return String(num);
}
