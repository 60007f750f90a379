import { parse } from 'yaml';
import { ShipshapeError } from '../../errors.js';
import type { Expectation } from './types.js';

const KEYS = new Set(['id', 'match', 'reason', 'status']);

const invalid = (file: string, message: string): ShipshapeError =>
  new ShipshapeError('INVALID_INPUT', `${file}: ${message}`, { exitCode: 2 });

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function entry(file: string, raw: unknown, index: number): Expectation {
  const where = `entry ${index + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(file, `${where} is not a mapping`);
  const e = raw as Record<string, unknown>;
  const label = text(e.id) ? `${where} (${e.id})` : text(e.match) ? `${where} (${e.match})` : where;
  const unknown = Object.keys(e).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw invalid(file, `${label}: unknown key ${unknown.join(', ')}`);
  if (text(e.id) === text(e.match)) throw invalid(file, `${label}: give exactly one of id or match`);
  if (!text(e.reason)) throw invalid(file, `${label}: reason is required (a non-empty string)`);
  if (e.status !== 'fail' && e.status !== 'skip')
    throw invalid(file, `${label}: status must be fail or skip`);
  const target = text(e.id) ? { id: e.id } : { match: e.match as string };
  return { ...target, reason: e.reason, status: e.status };
}

/** Parses and checks an expectation file's text; errors name the file and the entry. */
export function parseExpectations(file: string, source: string): Expectation[] {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    throw invalid(file, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw invalid(file, 'expected a list of entries');
  return doc.map((raw, i) => entry(file, raw, i));
}
