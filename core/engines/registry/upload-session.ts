import { RegistryProtocolError } from './errors.js';
import { headerValue, type RawResponse } from './transport.js';

/**
 * An open blob upload. Lifecycle: `uploads.start(name)` gives one at offset 0; each `patch` returns the
 * next session (new Location, advanced offset); `complete(session, digest)` closes it with a PUT, or
 * `cancel(session)` abandons it. Always use the latest session's `location`: it carries query state.
 */
export interface UploadSession {
  readonly name: string;
  /** Absolute upload URL from the last Location header (relative ones are resolved against the request). */
  readonly location: string;
  readonly uuid?: string;
  /** Number of bytes this client has had acknowledged; the next chunk starts here. */
  readonly offset: number;
  /** `OCI-Chunk-Min-Length` from the POST, when the registry sets one. */
  readonly minChunkLength?: number;
}

/** A blob the registry accepted (201): its pullable Location and `Docker-Content-Digest`. */
export interface BlobPushed {
  readonly status: number;
  readonly location: string;
  readonly digest?: string;
}

/** Resolve a response's Location header against the URL the request went to. */
export function locationOf(res: RawResponse, context: string): string {
  const location = headerValue(res, 'location');
  if (location === undefined || location === '') {
    throw new RegistryProtocolError(`${context}: ${res.status} answer has no Location header`);
  }
  return new URL(location, res.url).href;
}

/** The end of a `Range: 0-<end>` upload header, or undefined when absent or malformed. */
export function rangeEnd(res: RawResponse): number | undefined {
  const match = /^(?:bytes=)?0-(\d+)$/.exec(headerValue(res, 'range')?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

export function sessionFrom(res: RawResponse, name: string, offset: number, context: string): UploadSession {
  const uuid = headerValue(res, 'docker-upload-uuid');
  const minChunk = headerValue(res, 'oci-chunk-min-length');
  return {
    name,
    location: locationOf(res, context),
    offset,
    ...(uuid === undefined ? {} : { uuid }),
    ...(minChunk === undefined ? {} : { minChunkLength: Number(minChunk) }),
  };
}

/** A 201 answer as BlobPushed; a Docker-Content-Digest that differs from `expected` is a protocol error. */
export function pushedFrom(res: RawResponse, expected: string, context: string): BlobPushed {
  const digest = headerValue(res, 'docker-content-digest');
  if (digest !== undefined && digest !== expected) {
    throw new RegistryProtocolError(`${context}: registry says digest ${digest}, expected ${expected}`);
  }
  return {
    status: res.status,
    location: locationOf(res, context),
    ...(digest === undefined ? {} : { digest }),
  };
}
