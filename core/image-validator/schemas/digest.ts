import type { SchemaObject } from 'ajv/dist/2020.js';

/** descriptor.md#digests grammar: algorithm ":" encoded. */
export const DIGEST_PATTERN = '^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$';

/** Registered algorithms and the exact encoded form each requires. */
export const REGISTERED_ENCODINGS: Readonly<Record<string, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
  blake3: /^[a-f0-9]{64}$/,
};

/**
 * A digest string schema: the grammar under `grammarRule`, each registered algorithm's encoding under
 * `encodedRule` (uppercase hex and wrong lengths fail there).
 */
export function digestSchema(grammarRule: string, encodedRule: string): SchemaObject {
  return {
    type: 'string',
    pattern: DIGEST_PATTERN,
    'x-rule': grammarRule,
    allOf: Object.entries(REGISTERED_ENCODINGS).map(([alg, enc]) => ({
      if: { pattern: `^${alg}:` },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: { pattern: `^${alg}:${enc.source.slice(1, -1)}$`, 'x-rule': encodedRule },
    })),
  };
}
