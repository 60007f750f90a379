import type { SchemaObject } from 'ajv/dist/2020.js';

const strings: SchemaObject = { type: ['array', 'null'], items: { type: 'string', minLength: 1 } };
const flag: SchemaObject = { type: ['boolean', 'null'] };
const flags = (...names: string[]): SchemaObject => ({
  type: ['object', 'null'],
  additionalProperties: false,
  properties: Object.fromEntries(names.map((n) => [n, flag])),
});

/**
 * Our reading of features.md / features-linux.md: the two version strings are required, every other
 * property may be absent or null, and nothing outside the spec's properties appears (features.md
 * forbids properties the version does not define).
 */
export const FEATURES_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['ociVersionMin', 'ociVersionMax'],
  additionalProperties: false,
  properties: {
    ociVersionMin: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    ociVersionMax: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    hooks: strings,
    mountOptions: strings,
    annotations: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    potentiallyUnsafeConfigAnnotations: strings,
    linux: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        namespaces: strings,
        capabilities: { type: ['array', 'null'], items: { type: 'string', pattern: '^CAP_[A-Z_]+$' } },
        cgroup: flags('v1', 'v2', 'systemd', 'systemdUser', 'rdma'),
        seccomp: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            enabled: flag,
            actions: strings,
            operators: strings,
            archs: strings,
            knownFlags: strings,
            supportedFlags: strings,
          },
        },
        apparmor: flags('enabled'),
        selinux: flags('enabled'),
        intelRdt: flags('enabled', 'schemata', 'monitoring'),
        memoryPolicy: { type: ['object', 'null'], properties: { modes: strings, flags: strings } },
        mountExtensions: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { idmap: flags('enabled') },
        },
        netDevices: flags('enabled'),
      },
    },
  },
};

export { HOOK_KINDS } from '../../../spec/oci-runtime.js';
