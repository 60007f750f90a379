import type { SchemaObject } from 'ajv/dist/2020.js';

const stringList = { type: 'array', items: { type: 'string', 'x-rule': 'image:descriptor.platform' } };

/** image-index.md: the `platform` object of a manifests[] descriptor. */
export const platformSchema: SchemaObject = {
  type: 'object',
  'x-rule': 'image:descriptor.platform',
  required: ['architecture', 'os'],
  properties: {
    architecture: { type: 'string', minLength: 1, 'x-rule': 'image:descriptor.platform' },
    os: { type: 'string', minLength: 1, 'x-rule': 'image:descriptor.platform' },
    'os.version': { type: 'string', 'x-rule': 'image:descriptor.platform' },
    'os.features': { ...stringList, 'x-rule': 'image:descriptor.platform' },
    variant: { type: 'string', 'x-rule': 'image:descriptor.platform' },
    features: { ...stringList, 'x-rule': 'image:descriptor.platform' },
  },
};
