import { usageError } from '../../errors.js';

/** An image in a registry: `http://127.0.0.1:5000/team/app:1.0`, `https://r.example/app@sha256:…`. */
export interface RegistryRef {
  /** The registry origin, e.g. `http://127.0.0.1:5000`. */
  readonly origin: string;
  readonly repository: string;
  /** A tag or a digest. */
  readonly reference: string;
  /** `repository:tag` or `repository@digest`, for messages and reports. */
  readonly display: string;
}

// distribution spec "Pulling manifests": <name> and <reference> grammars.
const NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** The first path component names a registry host when it has a port or a dot, or is localhost. */
const PLAIN_HOST =
  /^(?:localhost|\[[0-9a-fA-F:]+\]|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d+)?$|^[A-Za-z0-9-]+:\d+$/;

/** True for 127.0.0.0/8, localhost and [::1]: the only hosts plain http is used for. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether `target` is meant as a registry reference rather than a path: an http(s) URL, or
 * `host:port/name[:tag|@digest]` / `host.domain/name…` / `localhost/name…` (a path that exists wins;
 * the caller checks that first).
 */
export function looksLikeRegistryRef(target: string): boolean {
  if (/^https?:\/\//i.test(target)) return true;
  const slash = target.indexOf('/');
  return slash > 0 && PLAIN_HOST.test(target.slice(0, slash));
}

/**
 * Parse a registry reference. A plain `host/name:tag` is read over https, except a loopback host
 * (127.0.0.0/8, localhost, [::1]), read over plain http. An `http://` URL to any other host is refused:
 * plain http only to this machine. A missing tag means `latest`.
 */
export function parseRegistryRef(target: string): RegistryRef {
  const bad = (why: string) => usageError(`${target} is not a registry image reference: ${why}`);
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(target) ? target : `https://${target}`);
  } catch {
    throw bad('not host[:port]/name[:tag|@digest]');
  }
  if (!/^https?:\/\//i.test(target) && isLoopback(url.hostname)) url.protocol = 'http:';
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw usageError(
      `plain http only to a loopback registry (127.0.0.1, localhost); use https:// for ${url.host}`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw bad('no query, fragment or credentials allowed');
  }
  const path = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  let repository = path;
  let reference = 'latest';
  const at = path.indexOf('@');
  if (at >= 0) {
    repository = path.slice(0, at);
    reference = path.slice(at + 1);
    if (!DIGEST.test(reference)) throw bad(`${reference} is not a digest`);
  } else {
    const colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      repository = path.slice(0, colon);
      reference = path.slice(colon + 1);
      if (!TAG.test(reference)) throw bad(`${reference} is not a tag`);
    }
  }
  if (!NAME.test(repository))
    throw bad(`repository name ${JSON.stringify(repository)} breaks the name grammar`);
  const display = `${repository}${at >= 0 ? '@' : ':'}${reference}`;
  return { origin: url.origin, repository, reference, display };
}
