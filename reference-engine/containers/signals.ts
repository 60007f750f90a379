import { constants } from 'node:os';
import { InvalidArgument } from '../errors.js';

/** dockerd's ParseSignal: a number (not 0) or a name with or without SIG, any case. */
export function parseDockerSignal(raw: string | number): number {
  const text = String(raw); // not trimmed: dockerd refuses `KILL ` too
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (n <= 0 || n > 64) throw new InvalidArgument(`Invalid signal: ${text}`);
    return n;
  }
  const name = `SIG${text.toUpperCase().replace(/^SIG/, '')}`;
  const n = (constants.signals as Record<string, number>)[name];
  if (n === undefined) throw new InvalidArgument(`Invalid signal: ${text}`);
  return n;
}

export const SIGKILL = constants.signals.SIGKILL;
export const SIGTERM = constants.signals.SIGTERM;

/** The container's stop signal: Config.StopSignal, else SIGTERM. */
export const stopSignalOf = (stopSignal: string | undefined): number =>
  stopSignal ? parseDockerSignal(stopSignal) : SIGTERM;
