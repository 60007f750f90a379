import { InvalidArgument } from '../../errors.js';
import { isSha256Digest } from '../content-store/digest.js';

/** A normalised image reference: `name` always carries its registry (`docker.io/library/busybox`). */
export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DEFAULT_DOMAIN = 'docker.io';

/** Parse `name[:tag][@digest]` like Docker: `busybox` → docker.io/library/busybox. InvalidArgument if malformed. */
export function parseReference(text: string): ImageReference {
  const [rest = '', digest, extra] = text.split('@');
  if (extra !== undefined || (digest !== undefined && !isSha256Digest(digest))) throw invalid(text);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : undefined;
  const name = normaliseName(colon > slash ? rest.slice(0, colon) : rest, text);
  if (tag !== undefined && !TAG.test(tag)) throw invalid(text);
  return { name, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** `name:tag` with Docker's default tag `latest`; InvalidArgument for a digest reference. */
export function parseTagged(text: string): string {
  const ref = parseReference(text);
  if (ref.digest !== undefined) throw new InvalidArgument(`${text}: a tag reference cannot carry a digest`);
  return `${ref.name}:${ref.tag ?? 'latest'}`;
}

/** The short form Docker prints: `docker.io/library/busybox:1` → `busybox:1`. */
export function familiar(reference: string): string {
  if (reference.startsWith(`${DEFAULT_DOMAIN}/library/`)) return reference.slice(DEFAULT_DOMAIN.length + 9);
  if (reference.startsWith(`${DEFAULT_DOMAIN}/`)) return reference.slice(DEFAULT_DOMAIN.length + 1);
  return reference;
}

/** The repository part of a normalised `name:tag` or `name@digest`. */
export function repositoryOf(reference: string): string {
  const at = reference.indexOf('@');
  if (at >= 0) return reference.slice(0, at);
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? reference.slice(0, colon) : reference;
}

function normaliseName(name: string, text: string): string {
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = hasDomain ? first : DEFAULT_DOMAIN;
  const path = hasDomain ? parts.slice(1) : parts;
  if (hasDomain && !DOMAIN.test(domain)) throw invalid(text);
  if (path.length === 0 || !path.every((part) => COMPONENT.test(part))) throw invalid(text);
  if (name.length > 255) throw invalid(text);
  const official = domain === DEFAULT_DOMAIN && path.length === 1 ? ['library', ...path] : path;
  return `${domain}/${official.join('/')}`;
}

function invalid(text: string): InvalidArgument {
  return new InvalidArgument(`invalid reference format: ${JSON.stringify(text)}`);
}
