import type { RuntimeState } from '../../../spec/oci-runtime.js';
import { ShipshapeError } from '../../errors.js';
import type { BoundedResult } from './exec.js';
import { runtimeErrorMessage } from './log-message.js';

/** One row of `<runtime> list --format json` (runc prints `null` when there are none). */
export interface RuntimeListEntry {
  id: string;
  pid: number;
  status: string;
  bundle: string;
  created?: string;
  owner?: string;
}

/** The `features` document (runtime-spec features.md); only the top-level fields are typed. */
export interface RuntimeFeatures {
  ociVersionMin: string;
  ociVersionMax: string;
  hooks?: string[];
  mountOptions?: string[];
  linux?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

export type FeaturesResult =
  | { supported: true; features: RuntimeFeatures }
  | { supported: false; reason: string };

const json = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ShipshapeError('PROTOCOL', `${what}: output is not JSON: ${text.slice(0, 200)}`, {
      cause: err,
    });
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parseState(text: string, what: string): RuntimeState {
  const v = json(text, what);
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.status !== 'string') {
    throw new ShipshapeError('PROTOCOL', `${what}: state lacks id/status`);
  }
  return v as unknown as RuntimeState;
}

export function parseList(text: string, what: string): RuntimeListEntry[] {
  const v = json(text.trim() === '' ? 'null' : text, what);
  if (v === null) return [];
  if (!Array.isArray(v)) throw new ShipshapeError('PROTOCOL', `${what}: expected a JSON array`);
  return v as RuntimeListEntry[];
}

export function parseFeatures(r: BoundedResult): FeaturesResult {
  if (r.exitCode !== 0) {
    return { supported: false, reason: runtimeErrorMessage('', r.stderr) ?? `exited with ${r.exitCode}` };
  }
  try {
    const v: unknown = JSON.parse(r.stdout);
    if (isObject(v) && typeof v.ociVersionMin === 'string' && typeof v.ociVersionMax === 'string') {
      return { supported: true, features: v as unknown as RuntimeFeatures };
    }
    return { supported: false, reason: 'features output lacks ociVersionMin/ociVersionMax' };
  } catch {
    return { supported: false, reason: 'features output is not JSON' };
  }
}

/** Counters of one memory kind in `events` stats (runc's types.MemoryEntry). */
export interface MemoryEntry {
  limit?: number;
  usage?: number;
  max?: number;
  failcnt?: number;
}

/** The `data` of a `stats` event (runc's events types): only the fields suites read are typed. */
export interface RuntimeStats {
  cpu?: {
    usage?: { total?: number; percpu?: number[]; kernel?: number; user?: number };
    throttling?: { periods?: number; throttledPeriods?: number; throttledTime?: number };
  };
  memory?: { usage?: MemoryEntry; swap?: MemoryEntry; kernel?: MemoryEntry; raw?: Record<string, number> };
  pids?: { current?: number; limit?: number };
  blkio?: Record<string, unknown>;
  hugetlb?: Record<string, unknown>;
}

/** One line of `<runtime> events`: `{"type":"stats"|"oom"|...,"id":...,"data":...}`. */
export interface RuntimeEvent {
  type: string;
  id: string;
  data?: RuntimeStats;
}

export function parseEvent(text: string, what: string): RuntimeEvent {
  const v = json(text, what);
  if (!isObject(v) || typeof v.type !== 'string' || typeof v.id !== 'string') {
    throw new ShipshapeError('PROTOCOL', `${what}: event lacks type/id: ${text.slice(0, 200)}`);
  }
  return v as unknown as RuntimeEvent;
}

/** `ps --format json`: the host pids (runc prints `null` when there are none). */
export function parsePids(text: string, what: string): number[] {
  const v = json(text.trim() === '' ? 'null' : text, what);
  if (v === null) return [];
  if (!Array.isArray(v) || !v.every((p) => Number.isInteger(p))) {
    throw new ShipshapeError('PROTOCOL', `${what}: expected a JSON array of pids: ${text.slice(0, 200)}`);
  }
  return v as number[];
}
