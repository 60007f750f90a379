import type { SchemaObject } from 'ajv/dist/2020.js';
import { BENCH_SCHEMA } from './types.js';

const num = { type: 'number' };
const nonNegInt = { type: 'integer', minimum: 0 };
const samples = { type: 'array', items: { type: 'number', minimum: 0 } };
const rounds = { type: 'array', items: nonNegInt };

const summary: SchemaObject = {
  type: 'object',
  required: ['n', 'median', 'mean', 'stddev', 'mad', 'min', 'p90', 'p99', 'max', 'ci'],
  properties: {
    n: { type: 'integer', minimum: 1 },
    median: num,
    mean: num,
    stddev: num,
    mad: num,
    min: num,
    p90: num,
    p99: num,
    max: num,
    ci: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['level', 'low', 'high'],
          properties: {
            level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
            low: num,
            high: num,
          },
          additionalProperties: false,
        },
      ],
    },
  },
  additionalProperties: false,
};

const phase: SchemaObject = {
  type: 'object',
  required: ['name', 'samples', 'summary'],
  properties: { name: { type: 'string', minLength: 1 }, samples, summary, rounds },
};

const benchmark: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'engine',
    'parameters',
    'unit',
    'samples',
    'summary',
    'phases',
    'concurrency',
    'warmup',
    'stoppedBy',
    'elapsedMs',
    'errors',
  ],
  properties: {
    id: { type: 'string', minLength: 1 },
    engine: { type: 'string', minLength: 1 },
    parameters: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    unit: { enum: ['ms', 'MiB'] },
    samples: { ...samples, minItems: 1 },
    summary,
    phases: { type: 'array', items: phase },
    concurrency: { type: 'integer', minimum: 1 },
    warmup: nonNegInt,
    stoppedBy: { enum: ['max-samples', 'time-budget', 'hard-limit', 'errors'] },
    elapsedMs: { type: 'number', minimum: 0 },
    throughput: {
      type: 'object',
      required: ['unit', 'value'],
      properties: { unit: { type: 'string', minLength: 1 }, value: { type: 'number', minimum: 0 } },
    },
    errors: { type: 'array', items: { type: 'string' } },
    rounds,
    interleavedWith: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

/** JSON Schema (2020-12) of shipshape.bench/v1; unknown extra fields are allowed (v1 only grows). */
export const benchDocumentSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/schemas/bench-v1.json',
  type: 'object',
  required: [
    'schema',
    'startedAt',
    'finishedAt',
    'shipshapeVersion',
    'environment',
    'settings',
    'benchmarks',
    'errors',
  ],
  properties: {
    schema: { const: BENCH_SCHEMA },
    startedAt: { type: 'string', minLength: 1 },
    finishedAt: { type: 'string', minLength: 1 },
    shipshapeVersion: { type: 'string' },
    environment: {
      type: 'object',
      required: [
        'kernel',
        'arch',
        'platform',
        'cpu',
        'memoryBytes',
        'workDir',
        'workDirFilesystem',
        'node',
        'engines',
      ],
      properties: {
        kernel: { type: 'string' },
        arch: { type: 'string' },
        platform: { type: 'string' },
        cpu: {
          type: 'object',
          required: ['model', 'count'],
          properties: { model: { type: 'string' }, count: { type: 'integer', minimum: 1 } },
        },
        memoryBytes: nonNegInt,
        workDir: { type: 'string' },
        workDirFilesystem: { type: 'string' },
        node: { type: 'string' },
        engines: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    settings: {
      type: 'object',
      required: ['seed', 'resamples'],
      properties: {
        seed: { type: 'integer' },
        resamples: { type: 'integer', minimum: 1 },
        profile: { type: 'string' },
      },
    },
    benchmarks: { type: 'array', items: benchmark },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          benchmark: { type: 'string' },
          engine: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};
