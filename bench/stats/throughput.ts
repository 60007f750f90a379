import { ShipshapeError } from '../../core/errors.js';

/**
 * Rates from a count and a duration in milliseconds. MB is the SI megabyte (10^6 bytes), as disk and
 * network tools print it; MiB/s (2^20) is there for those who want binary units.
 */
function perSecond(amount: number, durationMs: number, what: string): number {
  if (!(durationMs > 0))
    throw new ShipshapeError('INVALID_INPUT', `${what}: duration must be > 0 ms, got ${durationMs}`);
  if (!(amount >= 0))
    throw new ShipshapeError('INVALID_INPUT', `${what}: amount must be >= 0, got ${amount}`);
  return amount / (durationMs / 1000);
}

export const megabytesPerSecond = (bytes: number, durationMs: number): number =>
  perSecond(bytes, durationMs, 'MB/s') / 1e6;
export const mebibytesPerSecond = (bytes: number, durationMs: number): number =>
  perSecond(bytes, durationMs, 'MiB/s') / 1_048_576;
export const filesPerSecond = (files: number, durationMs: number): number =>
  perSecond(files, durationMs, 'files/s');
export const containersPerSecond = (containers: number, durationMs: number): number =>
  perSecond(containers, durationMs, 'containers/s');
export const opsPerSecond = (ops: number, durationMs: number): number => perSecond(ops, durationMs, 'ops/s');
