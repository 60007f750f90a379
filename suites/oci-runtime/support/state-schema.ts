import type { SchemaObject } from 'ajv/dist/2020.js';

const STRING_MAP: SchemaObject = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * Our reading of runtime.md "State": required ociVersion/id/status/bundle, an absolute bundle path,
 * string annotations, and a positive pid whenever the status is created or running (Linux). Status is
 * any non-empty string because runtimes may add states; tests assert the exact value they expect.
 */
export const STATE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['ociVersion', 'id', 'status', 'bundle'],
  properties: {
    ociVersion: { type: 'string', minLength: 1 },
    id: { type: 'string', minLength: 1 },
    status: { type: 'string', minLength: 1 },
    pid: { type: 'integer', minimum: 0 },
    bundle: { type: 'string', pattern: '^/' },
    annotations: STRING_MAP,
  },
  anyOf: [
    { properties: { status: { not: { enum: ['created', 'running'] } } } },
    { required: ['pid'], properties: { pid: { type: 'integer', minimum: 1 } } },
  ],
};

/** The status values runtime.md defines. */
export const SPEC_STATUSES = ['creating', 'created', 'running', 'stopped'] as const;
