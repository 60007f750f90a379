import { ShipshapeError } from '../../errors.js';

/** Highest Engine API version this client speaks unless told otherwise. */
export const DEFAULT_MAX_API_VERSION = '1.41';
/** What Docker's own client assumes when /_ping carries no API-Version header. */
export const FALLBACK_API_VERSION = '1.24';

const VERSION = /^(\d+)\.(\d+)$/;

export function isApiVersion(text: string): boolean {
  return VERSION.test(text);
}

export function assertApiVersion(text: string, what: string): string {
  if (!isApiVersion(text))
    throw new ShipshapeError('USAGE', `${what} '${text}' is not an API version like 1.41`);
  return text;
}

/** Numeric comparison of `major.minor` versions: negative when a < b. */
export function compareApiVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** The version to speak: the lower of what the server announces and the client's maximum. */
export function negotiateApiVersion(serverHeader: string | undefined, clientMax: string): string {
  const server = serverHeader?.trim();
  if (server === undefined || server === '') {
    return compareApiVersions(FALLBACK_API_VERSION, clientMax) < 0 ? FALLBACK_API_VERSION : clientMax;
  }
  if (!isApiVersion(server)) {
    throw new ShipshapeError('PROTOCOL', `engine announced API-Version '${server}', which is not a version`);
  }
  return compareApiVersions(server, clientMax) < 0 ? server : clientMax;
}

/** `/v1.41/containers/json` from `/containers/json`. */
export function versionedPath(version: string, path: string): string {
  return `/v${version}${path.startsWith('/') ? path : `/${path}`}`;
}
