import { createHash } from 'node:crypto';
import { ShipshapeError } from '../../errors.js';

export type DigestAlgorithm = 'sha256' | 'sha512';

const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };

/** `sha256:<hex>` (or sha512) of some bytes. */
export function digestOf(bytes: Uint8Array | string, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** True for a digest string (any algorithm) in the OCI grammar; a tag never contains ':'. */
export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

/**
 * Does `digest` describe `bytes`? Returns undefined when the algorithm is not one we can compute
 * (the caller decides whether that is acceptable).
 */
export function digestMatches(digest: string, bytes: Uint8Array): boolean | undefined {
  const match = DIGEST.exec(digest);
  if (!match) return false;
  const algorithm = match[1] as DigestAlgorithm;
  if (!(algorithm in HEX_LENGTH)) return undefined;
  return match[2]?.length === HEX_LENGTH[algorithm] && digestOf(bytes, algorithm) === digest;
}

/** Throw INVALID_INPUT unless `digest` is a well-formed digest (guards typed calls against typos). */
export function assertDigest(digest: string): void {
  if (!isDigest(digest)) throw new ShipshapeError('INVALID_INPUT', `not a digest: ${JSON.stringify(digest)}`);
}
