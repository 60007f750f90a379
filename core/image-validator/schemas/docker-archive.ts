import type { SchemaObject } from 'ajv/dist/2020.js';

const file = { type: 'string', minLength: 1, 'x-rule': 'docker:manifest-json' };

/** `docker save` manifest.json: one entry per image with its config file and layer tars. */
export const dockerManifestSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/docker/manifest-json',
  type: 'array',
  'x-rule': 'docker:manifest-json',
  items: {
    type: 'object',
    'x-rule': 'docker:manifest-json',
    required: ['Config', 'Layers'],
    properties: {
      Config: file,
      RepoTags: { type: ['array', 'null'], items: { type: 'string' }, 'x-rule': 'docker:manifest-json' },
      Layers: { type: 'array', items: file, 'x-rule': 'docker:manifest-json' },
      Parent: { type: 'string', 'x-rule': 'docker:manifest-json' },
      LayerSources: { type: 'object', 'x-rule': 'docker:manifest-json' },
    },
  },
};

/** `docker save` repositories: { name: { tag: id } }. */
export const dockerRepositoriesSchema: SchemaObject = {
  $id: 'https://shipshape.invalid/docker/repositories',
  type: 'object',
  'x-rule': 'docker:repositories',
  additionalProperties: {
    type: 'object',
    'x-rule': 'docker:repositories',
    additionalProperties: { type: 'string', 'x-rule': 'docker:repositories' },
  },
};
