import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  expectValid,
  expectValidList,
  RELAXATIONS,
  SCHEMA_NAMES,
  SCHEMAS,
  SchemaViolationError,
  schemaIssues,
} from './schemas/index.js';
import { SAMPLES } from './schemas/samples.js';

// The schemas themselves, without an engine: each accepts a valid body and names the JSON pointer of what is wrong.

const opts = { tags: ['schemas'], requirements: ['docker-api:schemas'] };

/** A deep copy of `value` with the JSON pointer `pointer` set to `to`. */
function setAt(value: unknown, pointer: string, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = pointer.split('/').slice(1);
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) as string] = to;
  return copy;
}

describe.each(SCHEMA_NAMES)('schema %s', (name) => {
  const sample = SAMPLES[name];
  conformance(
    'accepts its sample; names a missing required field and a wrong type by JSON pointer',
    opts,
    () => {
      expect(schemaIssues(name, sample.valid)).toEqual([]);
      const { [sample.required]: _dropped, ...missing } = sample.valid;
      expect(schemaIssues(name, missing).map((i) => i.pointer)).toContain(`/${sample.required}`);
      const wrong = schemaIssues(name, setAt(sample.valid, sample.wrongType.pointer, sample.wrongType.value));
      expect(wrong.map((i) => i.pointer)).toContain(sample.wrongType.pointer);
    },
  );
});

describe('expectValid', () => {
  conformance('throws a SchemaViolationError whose message lists pointer and reason', opts, () => {
    const body = { ...SAMPLES.Volume.valid, Scope: 'cluster', Name: undefined };
    let error: unknown;
    try {
      expectValid('Volume', JSON.parse(JSON.stringify(body)));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SchemaViolationError);
    expect((error as Error).message).toContain('/Name: is required but missing');
    expect((error as Error).message).toContain('/Scope: must be equal to one of the allowed values');
  });

  conformance('expectValidList points into the item by index', opts, () => {
    const items = [
      SAMPLES.HistoryResponseItem.valid,
      { ...SAMPLES.HistoryResponseItem.valid, Created: 'yesterday' },
    ];
    expect(() => expectValidList('HistoryResponseItem', items)).toThrow('/1/Created: must be integer');
  });

  conformance('every relaxation names a known schema', opts, () => {
    for (const r of RELAXATIONS) expect(Object.keys(SCHEMAS)).toContain(r.schema);
  });
});
