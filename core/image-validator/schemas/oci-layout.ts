import type { SchemaObject } from 'ajv/dist/2020.js';

/** image-layout.md#oci-layout-file: a JSON object with a version string (other fields allowed). */
export const ociLayoutSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/oci/oci-layout',
  type: 'object',
  'x-rule': 'image:layout.oci-layout',
  required: ['imageLayoutVersion'],
  properties: {
    imageLayoutVersion: {
      type: 'string',
      pattern: '^1\\.[0-9]+\\.[0-9]+$',
      'x-rule': 'image:layout.imageLayoutVersion',
    },
  },
};
