import type { SchemaObject } from 'ajv/dist/2020.js';
import { INDEX_ID } from './image-index.js';

/** image-layout.md#indexjson-file: the layout's entry point is an image index. */
export const indexJsonSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/oci/index-json',
  $ref: INDEX_ID,
  'x-rule': 'image:layout.index-json',
};
