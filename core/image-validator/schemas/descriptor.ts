import type { SchemaObject } from 'ajv/dist/2020.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { annotationsSchema } from './annotations.js';
import { digestSchema } from './digest.js';
import { EMPTY_DIGEST, EMPTY_SIZE, MEDIA_TYPE_PATTERN } from './media-types.js';
import { platformSchema } from './platform.js';

export const DESCRIPTOR_ID = 'https://shipshape.invalid/oci/descriptor';

/** RFC 3986 URI: a scheme, then only unreserved, reserved or percent-encoded characters. */
const URI_PATTERN = "^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*$";

/** descriptor.md#properties, plus the empty-descriptor guidance of manifest.md. */
export const descriptorSchema: SchemaObject = {
  $id: DESCRIPTOR_ID,
  type: 'object',
  'x-rule': 'image:descriptor',
  required: ['mediaType', 'digest', 'size'],
  properties: {
    mediaType: { type: 'string', pattern: MEDIA_TYPE_PATTERN, 'x-rule': 'image:descriptor.mediaType' },
    digest: digestSchema('image:descriptor.digest', 'image:descriptor.digest.encoded'),
    size: { type: 'integer', minimum: 0, 'x-rule': 'image:descriptor.size' },
    urls: {
      type: 'array',
      'x-rule': 'image:descriptor.urls',
      items: { type: 'string', pattern: URI_PATTERN, 'x-rule': 'image:descriptor.urls' },
    },
    annotations: annotationsSchema,
    data: {
      type: 'string',
      pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
      'x-rule': 'image:descriptor.data',
    },
    artifactType: { type: 'string', pattern: MEDIA_TYPE_PATTERN, 'x-rule': 'image:descriptor.artifactType' },
    platform: platformSchema,
  },
  if: { required: ['mediaType'], properties: { mediaType: { const: MediaType.ociEmpty } } },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
  then: {
    properties: {
      size: { const: EMPTY_SIZE, 'x-rule': 'image:descriptor.empty' },
      digest: { const: EMPTY_DIGEST, 'x-rule': 'image:descriptor.empty' },
    },
  },
};
