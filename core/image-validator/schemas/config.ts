import type { SchemaObject } from 'ajv/dist/2020.js';
import { annotationsSchema } from './annotations.js';
import { digestSchema } from './digest.js';

const RFC3339 =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$';

/** config.md: any OPTIONAL field may be null (keywords other than `type` ignore a null). */
const opt = (schema: SchemaObject): SchemaObject => ({
  'x-rule': 'image:config',
  ...schema,
  type: [schema.type, 'null'],
});
const strings = { type: 'array', items: { type: 'string' } };
const set = { type: 'object', additionalProperties: { type: 'object' } };
const created = { type: 'string', pattern: RFC3339, 'x-rule': 'image:config.created' };

/** config.md#properties; unknown fields are implementation specific and allowed. */
export const configSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/oci/config',
  type: 'object',
  'x-rule': 'image:config',
  required: ['architecture', 'os', 'rootfs'],
  properties: {
    created: opt(created),
    author: opt({ type: 'string' }),
    architecture: { type: 'string', minLength: 1, 'x-rule': 'image:config.architecture' },
    os: { type: 'string', minLength: 1, 'x-rule': 'image:config.os' },
    'os.version': opt({ type: 'string' }),
    'os.features': opt(strings),
    variant: opt({ type: 'string' }),
    config: opt({
      type: 'object',
      properties: {
        User: opt({ type: 'string' }),
        ExposedPorts: opt(set),
        Env: opt(strings),
        Entrypoint: opt(strings),
        Cmd: opt(strings),
        Volumes: opt(set),
        WorkingDir: opt({ type: 'string' }),
        Labels: opt(annotationsSchema),
        StopSignal: opt({ type: 'string' }),
        ArgsEscaped: opt({ type: 'boolean' }),
        Memory: opt({ type: 'integer' }),
        MemorySwap: opt({ type: 'integer' }),
        CpuShares: opt({ type: 'integer' }),
        Healthcheck: opt({ type: 'object' }),
      },
    }),
    rootfs: {
      type: 'object',
      'x-rule': 'image:config.rootfs',
      required: ['type', 'diff_ids'],
      properties: {
        type: { const: 'layers', 'x-rule': 'image:config.rootfs.type' },
        diff_ids: {
          type: 'array',
          'x-rule': 'image:config.rootfs.diff_ids',
          items: digestSchema('image:config.rootfs.diff_ids', 'image:config.rootfs.diff_ids'),
        },
      },
    },
    history: opt({
      type: 'array',
      items: {
        type: 'object',
        properties: {
          created: opt(created),
          author: opt({ type: 'string' }),
          created_by: opt({ type: 'string' }),
          comment: opt({ type: 'string' }),
          empty_layer: opt({ type: 'boolean' }),
        },
      },
    }),
  },
};
