import { createHash } from 'node:crypto';
import { InvalidArgument } from '../../errors.js';

const SHA256 = /^sha256:([a-f0-9]{64})$/;

/** `sha256:<hex>` of some bytes. */
export function sha256Of(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function isSha256Digest(value: string): boolean {
  return SHA256.test(value);
}

/** The hex part of a sha256 digest; InvalidArgument for anything else (the only algorithm we store). */
export function hexOf(digest: string): string {
  const hex = SHA256.exec(digest)?.[1];
  if (hex === undefined)
    throw new InvalidArgument(`unsupported or malformed digest: ${JSON.stringify(digest)}`);
  return hex;
}
