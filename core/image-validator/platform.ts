import { usageError } from '../errors.js';

/** A platform to pick from an index, as given to `--platform os/arch[/variant]`. */
export interface PlatformSpec {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

const PART = /^[A-Za-z0-9_.-]+$/;

/** Parse `os/arch[/variant]` (e.g. `linux/arm64/v8`); a malformed value is a usage error. */
export function parsePlatform(text: string): PlatformSpec {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw usageError(`--platform ${JSON.stringify(text)} is not os/arch[/variant] (e.g. linux/amd64)`);
  }
  const [os = '', architecture = '', variant] = parts;
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

export function platformText(p: unknown): string {
  if (!isObject(p)) return 'no platform';
  const variant = typeof p.variant === 'string' && p.variant !== '' ? `/${p.variant}` : '';
  return `${String(p.os)}/${String(p.architecture)}${variant}`;
}

/**
 * Whether an index child is left out for `want`: only a child that names a platform other than `want`
 * is (os and architecture equal; the variant too when `want` names one). A child without a platform
 * (a nested index, a lone image) is followed, and the choice is made inside it.
 */
export function excludedByPlatform(desc: unknown, want: PlatformSpec | undefined): boolean {
  if (want === undefined || !isObject(desc) || !isObject(desc.platform)) return false;
  const p = desc.platform;
  if (p.os !== want.os || p.architecture !== want.architecture) return true;
  return want.variant !== undefined && p.variant !== want.variant;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
