import { assertDigest, type DigestAlgorithm, digestOf } from './digest.js';
import { expectStatus } from './errors.js';
import { headerValue, type RegistryTransport } from './transport.js';
import { completeUpload, patchChunk } from './upload-chunks.js';
import {
  type BlobPushed,
  locationOf,
  pushedFrom,
  rangeEnd,
  sessionFrom,
  type UploadSession,
} from './upload-session.js';

/** Where an upload stands (end-13): the current Location and the `Range: 0-<end>` header. */
export interface UploadStatus {
  readonly location: string;
  readonly range?: string;
  /** Parsed end of Range. Registry 2.8 says `0-0` both for 0 and 1 bytes received. */
  readonly lastByte?: number;
}

export type MountResult =
  | { readonly mounted: true; readonly blob: BlobPushed }
  /** 202: the registry did not mount and opened an ordinary upload session instead. */
  | { readonly mounted: false; readonly session: UploadSession };

const OCTET = { 'content-type': 'application/octet-stream' };

/** Blob pushes: monolithic, chunked, status, cancel and cross-repository mount (end-4 to end-6, 11, 13, 14). */
export class UploadsApi {
  constructor(private readonly transport: RegistryTransport) {}

  /** POST /v2/<name>/blobs/uploads/ (Content-Length: 0) -> 202 and a session. */
  async start(name: string, opts: { digestAlgorithm?: DigestAlgorithm } = {}): Promise<UploadSession> {
    const context = `start upload to ${name}`;
    const query = { 'digest-algorithm': opts.digestAlgorithm };
    const res = await this.transport.send('POST', uploadsPath(name), { body: '', query });
    return sessionFrom(expectStatus(res, [202], context), name, 0, context);
  }

  /** Single POST ?digest= with the bytes; falls back to PUT when the registry answers 202 (spec allows it). */
  async pushMonolithic(name: string, bytes: Uint8Array, digest = digestOf(bytes)): Promise<BlobPushed> {
    assertDigest(digest);
    const context = `monolithic POST of ${digest} to ${name}`;
    const res = await this.transport.send('POST', uploadsPath(name), {
      body: bytes,
      headers: OCTET,
      query: { digest },
    });
    expectStatus(res, [201, 202], context);
    if (res.status === 201) return pushedFrom(res, digest, context);
    return completeUpload(this.transport, sessionFrom(res, name, 0, context), digest, bytes);
  }

  /** POST for a session, then one PUT ?digest= carrying the whole blob. */
  async pushPostPut(name: string, bytes: Uint8Array, digest = digestOf(bytes)): Promise<BlobPushed> {
    return completeUpload(this.transport, await this.start(name), digest, bytes);
  }

  /** POST, PATCH chunks of `chunkSize` in order, PUT ?digest= with no body. */
  async pushChunked(
    name: string,
    bytes: Uint8Array,
    chunkSize: number,
    digest = digestOf(bytes),
  ): Promise<BlobPushed> {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`bad chunk size ${chunkSize}`);
    let session = await this.start(name);
    for (let start = 0; start < bytes.length; start += chunkSize) {
      session = await patchChunk(this.transport, session, bytes.subarray(start, start + chunkSize));
    }
    return completeUpload(this.transport, session, digest);
  }

  /** Upload one chunk at `session.offset` (or `at`, to test out-of-order handling). */
  patch(session: UploadSession, chunk: Uint8Array, at?: number): Promise<UploadSession> {
    return patchChunk(this.transport, session, chunk, at);
  }

  /** Close the session with PUT ?digest= (optionally carrying the final chunk) -> 201. */
  complete(session: UploadSession, digest: string, finalChunk?: Uint8Array): Promise<BlobPushed> {
    return completeUpload(this.transport, session, digest, finalChunk);
  }

  /** GET the upload URL -> 204 with Location and Range. */
  async status(session: UploadSession): Promise<UploadStatus> {
    const context = `upload status in ${session.name}`;
    const res = expectStatus(await this.transport.send('GET', session.location), [204], context);
    const range = headerValue(res, 'range');
    const lastByte = rangeEnd(res);
    return {
      location: locationOf(res, context),
      ...(range === undefined ? {} : { range }),
      ...(lastByte === undefined ? {} : { lastByte }),
    };
  }

  /** DELETE the upload URL; any 2xx is success (spec: SHOULD be 204). */
  async cancel(session: UploadSession): Promise<void> {
    const res = await this.transport.send('DELETE', session.location, { body: '' });
    expectStatus(res, [200, 202, 204], `cancel upload in ${session.name}`);
  }

  /** POST ?mount=<digest>&from=<other>: 201 mounted, or 202 with a fresh session to upload into. */
  async mount(name: string, digest: string, from: string): Promise<MountResult> {
    assertDigest(digest);
    const context = `mount ${digest} from ${from} into ${name}`;
    const res = await this.transport.send('POST', uploadsPath(name), {
      body: '',
      query: { mount: digest, from },
    });
    expectStatus(res, [201, 202], context);
    if (res.status === 201) return { mounted: true, blob: pushedFrom(res, digest, context) };
    return { mounted: false, session: sessionFrom(res, name, 0, context) };
  }
}

export const uploadsPath = (name: string): string => `/v2/${name}/blobs/uploads/`;
