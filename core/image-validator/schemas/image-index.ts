import type { SchemaObject } from 'ajv/dist/2020.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { annotationsSchema } from './annotations.js';
import { DESCRIPTOR_ID } from './descriptor.js';
import { MEDIA_TYPE_PATTERN } from './media-types.js';

export const INDEX_ID = 'https://shipshape.invalid/oci/index';

/** image-index.md#image-index-property-descriptions. */
export const indexSchema: SchemaObject = {
  $id: INDEX_ID,
  type: 'object',
  'x-rule': 'image:index',
  required: ['schemaVersion', 'manifests'],
  properties: {
    schemaVersion: { const: 2, 'x-rule': 'image:index.schemaVersion' },
    mediaType: { const: MediaType.ociIndex, 'x-rule': 'image:index.mediaType' },
    artifactType: { type: 'string', pattern: MEDIA_TYPE_PATTERN, 'x-rule': 'image:descriptor.artifactType' },
    manifests: { type: 'array', items: { $ref: DESCRIPTOR_ID }, 'x-rule': 'image:index.manifests' },
    subject: { $ref: DESCRIPTOR_ID, 'x-rule': 'image:index.subject' },
    annotations: annotationsSchema,
  },
};
