import { randomBytes } from 'node:crypto';
import { InvalidArgument } from '../errors.js';

const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Docker's local volume name rule, refused in dockerd's words. */
export function checkVolumeName(name: string): void {
  if (name.length < 2)
    throw new InvalidArgument(
      `create ${name}: volume name is too short, names should be at least two alphanumeric characters`,
    );
  if (!VALID.test(name))
    throw new InvalidArgument(
      `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
}

/** An anonymous volume's name: 64 hex digits, as dockerd's stringid. */
export const anonymousName = (): string => randomBytes(32).toString('hex');
