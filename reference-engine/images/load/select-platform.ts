import type { Descriptor, Platform } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/** The manifest of an index that runs on `wanted` (variant only compared when asked for). */
export function selectPlatform(
  manifests: readonly Descriptor[],
  wanted: Platform,
  where: string,
): Descriptor {
  const match = manifests.find(
    ({ platform }) =>
      platform !== undefined &&
      platform.os === wanted.os &&
      platform.architecture === wanted.architecture &&
      (wanted.variant === undefined || platform.variant === wanted.variant),
  );
  if (match) return match;
  const name = `${wanted.os}/${wanted.architecture}${wanted.variant ? `/${wanted.variant}` : ''}`;
  throw new InvalidArgument(`${where} has no manifest for platform ${name}`);
}
