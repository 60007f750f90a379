/**
 * The Engine API version shipd speaks, and the oldest it accepts. dockerd 20.10 accepts 1.12, but shipd
 * implements none of the pre-1.24 behaviours, so it says 1.24 (as dockerd 25 and later do).
 */
export const API_VERSION = '1.41';
export const MIN_API_VERSION = '1.24';

export type VersionRule =
  | { ok: true; path: string; version: string }
  | { ok: false; path: string; message: string };

const PREFIX = /^\/v([0-9.]+)(?=\/|$|\?)/;

/**
 * The version prefix rule: `/v1.40/containers/json` is served as `/containers/json` at 1.40;
 * unversioned paths are served at 1.41; a version outside 1.24..1.41 is refused with dockerd's words.
 * A prefix that is not `v` + digits and dots (`/v1.x/...`) is left alone, so it routes to 404.
 */
export function applyVersionPrefix(url: string): VersionRule {
  const match = PREFIX.exec(url);
  if (!match) return { ok: true, path: url, version: API_VERSION };
  const version = match[1] ?? '';
  const rest = url.slice(match[0].length);
  const path = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  if (compareVersions(version, API_VERSION) > 0)
    return {
      ok: false,
      path,
      message: `client version ${version} is too new. Maximum supported API version is ${API_VERSION}`,
    };
  if (compareVersions(version, MIN_API_VERSION) < 0)
    return {
      ok: false,
      path,
      message: `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    };
  return { ok: true, path, version };
}

/** Compares dotted versions numerically as moby's versions.compare does (a missing part is 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.parseInt(pa[i] ?? '0', 10) || 0;
    const y = Number.parseInt(pb[i] ?? '0', 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
