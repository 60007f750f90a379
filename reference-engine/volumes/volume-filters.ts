import { InvalidArgument } from '../errors.js';
import type { Volume, VolumeFilters } from './types.js';

const LIST_FILTERS = ['dangling', 'name', 'label', 'label!', 'driver'];
const PRUNE_FILTERS = ['label', 'label!'];

export function checkVolumeFilters(filters: VolumeFilters, prune: boolean): void {
  const allowed = prune ? PRUNE_FILTERS : LIST_FILTERS;
  for (const key of Object.keys(filters))
    if (!allowed.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
  for (const value of filters.dangling ?? [])
    if (!['true', 'false', '1', '0'].includes(value))
      throw new InvalidArgument(`Invalid filter 'dangling=[${value}]'`);
}

/** Whether a volume passes the filters; `inUse` answers for dangling. Several values of a key: any. */
export function volumeMatches(volume: Volume, filters: VolumeFilters, inUse: boolean): boolean {
  const dangling = filters.dangling ?? [];
  if (dangling.length > 0 && !dangling.some((v) => (v === 'true' || v === '1') === !inUse)) return false;
  const names = filters.name ?? [];
  if (names.length > 0 && !names.some((n) => volume.Name.includes(n))) return false;
  const drivers = filters.driver ?? [];
  if (drivers.length > 0 && !drivers.includes(volume.Driver)) return false;
  const holds = (expr: string) => {
    const eq = expr.indexOf('=');
    if (eq < 0) return expr in volume.Labels;
    return volume.Labels[expr.slice(0, eq)] === expr.slice(eq + 1);
  };
  return (filters.label ?? []).every(holds) && !(filters['label!'] ?? []).some(holds);
}
