import type { SchemaObject } from 'ajv/dist/2020.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { annotationsSchema } from './annotations.js';
import { DESCRIPTOR_ID } from './descriptor.js';
import { MEDIA_TYPE_PATTERN } from './media-types.js';

/** manifest.md#image-manifest-property-descriptions. */
export const manifestSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/oci/manifest',
  type: 'object',
  'x-rule': 'image:manifest',
  required: ['schemaVersion', 'config', 'layers'],
  properties: {
    schemaVersion: { const: 2, 'x-rule': 'image:manifest.schemaVersion' },
    mediaType: { const: MediaType.ociManifest, 'x-rule': 'image:manifest.mediaType' },
    artifactType: { type: 'string', pattern: MEDIA_TYPE_PATTERN, 'x-rule': 'image:manifest.artifactType' },
    config: { $ref: DESCRIPTOR_ID, 'x-rule': 'image:manifest.config' },
    layers: { type: 'array', items: { $ref: DESCRIPTOR_ID }, 'x-rule': 'image:manifest.layers' },
    subject: { $ref: DESCRIPTOR_ID, 'x-rule': 'image:manifest.subject' },
    annotations: annotationsSchema,
  },
  if: {
    required: ['config'],
    properties: {
      config: { required: ['mediaType'], properties: { mediaType: { const: MediaType.ociEmpty } } },
    },
  },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
  then: { required: ['artifactType'], 'x-rule': 'image:manifest.artifactType' },
};
