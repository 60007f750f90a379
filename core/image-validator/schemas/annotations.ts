import type { SchemaObject } from 'ajv/dist/2020.js';

/** annotations.md#rules: a string -> string map (null allowed where the field is optional and nullable). */
export const annotationsSchema: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'string', 'x-rule': 'image:annotations' },
  'x-rule': 'image:annotations',
};
