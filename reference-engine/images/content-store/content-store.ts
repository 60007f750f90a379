import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArgument, NotFound } from '../../errors.js';
import { hexOf } from './digest.js';
import { type Lease, LeaseTable } from './lease.js';
import { Mutex } from './mutex.js';
import { UncompressedDigest } from './uncompressed-digest.js';

export type { Lease } from './lease.js';

/** Bytes to store: a Node Readable, an async generator, or an array of buffers. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface BlobInfo {
  digest: string;
  size: number;
}

export interface IngestOptions {
  /** Refuse the content (InvalidArgument, nothing kept) unless it hashes to this digest. */
  expectedDigest?: string;
  /** Refuse the content unless it is exactly this long; checked while streaming. */
  expectedSize?: number;
  /** Hold the new blob against garbage collection until the lease is released. */
  lease?: Lease;
}

export interface IngestResult extends BlobInfo {
  /** False when the blob was already stored (the new copy replaced it atomically). */
  created: boolean;
  /** Digest and size of the content after gunzip (equal to digest/size for uncompressed blobs). */
  uncompressed: BlobInfo;
  gzip: boolean;
}

/**
 * Content-addressed blobs under ROOT/blobs/sha256/<hex>. A blob appears only by rename of a fully
 * written, verified and fsynced temp file from ROOT/ingest/, so a reader never sees a torn blob.
 *
 *   const store = await ContentStore.open('/var/lib/shipd');   // removes leftover ingest files
 *   const lease = store.lease();
 *   const blob = await store.ingest(stream, { expectedDigest, lease });
 *   await store.readBytes(blob.digest);
 *   lease.release();                                           // now gc may collect it if unreferenced
 *
 * One ContentStore per root per process: leases and the publish/delete lock are in memory.
 */
export class ContentStore {
  readonly #leases = new LeaseTable();
  readonly #lock = new Mutex();
  // Made once: a blob's path is then this and its checked hex (hexOf), with nothing to normalize.
  readonly #ingestDir: string;
  readonly #blobDir: string;

  private constructor(readonly root: string) {
    this.#ingestDir = join(root, 'ingest');
    this.#blobDir = join(root, 'blobs', 'sha256');
  }

  static async open(root: string): Promise<ContentStore> {
    const store = new ContentStore(root);
    await rm(store.#ingestDir, { recursive: true, force: true });
    await mkdir(store.#ingestDir, { recursive: true });
    await mkdir(store.#blobDir, { recursive: true });
    return store;
  }

  pathOf(digest: string): string {
    return `${this.#blobDir}/${hexOf(digest)}`;
  }

  /** Open a lease: blobs it holds survive gc and other loads' rollbacks until `release()`. */
  lease(): Lease {
    return this.#leases.lease();
  }

  /** Stream content in, verifying digest and size as it passes; see IngestOptions. */
  async ingest(source: ByteSource, options: IngestOptions = {}): Promise<IngestResult> {
    if (options.expectedDigest !== undefined) hexOf(options.expectedDigest);
    const temp = `${this.#ingestDir}/${randomBytes(12).toString('hex')}`;
    const file = await open(temp, 'wx');
    const hash = createHash('sha256');
    const inner = new UncompressedDigest();
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (options.expectedSize !== undefined && size > options.expectedSize) {
          throw new InvalidArgument(`content is longer than the expected ${options.expectedSize} bytes`);
        }
        hash.update(chunk);
        await file.write(chunk);
        await inner.update(chunk);
      }
      await file.sync();
      await file.close();
      const digest = `sha256:${hash.digest('hex')}`;
      checkExpected(digest, size, options);
      const uncompressed = await inner.finish();
      const created = await this.#publish(temp, digest, options.lease);
      return { digest, size, created, uncompressed, gzip: uncompressed.gzip };
    } catch (err) {
      inner.abort();
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Store bytes already in memory (small JSON documents). */
  put(bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
    return this.ingest([bytes], options);
  }

  /**
   * Publish a blob another store (a staging store under ROOT/ingest, written by the load process)
   * holds at `otherRoot`: it is renamed in whole, so its digest is taken from that store's name for it,
   * not computed again. Same filesystem only (ROOT/ingest is inside ROOT).
   */
  async adoptFrom(otherRoot: string, digest: string, lease?: Lease): Promise<IngestResult['created']> {
    return this.#publish(`${otherRoot}/blobs/sha256/${hexOf(digest)}`, digest, lease);
  }

  /** A new directory name under ROOT/ingest (not made): a staging store there goes with the next open. */
  stagingDir(): string {
    return `${this.#ingestDir}/stage-${randomBytes(8).toString('hex')}`;
  }

  async stat(digest: string): Promise<BlobInfo> {
    try {
      return { digest, size: (await stat(this.pathOf(digest))).size };
    } catch (err) {
      throw notFound(digest, err);
    }
  }

  async has(digest: string): Promise<boolean> {
    return this.stat(digest).then(
      () => true,
      () => false,
    );
  }

  async readBytes(digest: string): Promise<Buffer> {
    return readFile(this.pathOf(digest)).catch((err: unknown) => Promise.reject(notFound(digest, err)));
  }

  /** A stream of the blob; NotFound (before any byte) when it is absent. */
  async read(digest: string): Promise<Readable> {
    const handle = await open(this.pathOf(digest), 'r').catch((err: unknown) =>
      Promise.reject(notFound(digest, err)),
    );
    return handle.createReadStream();
  }

  async list(): Promise<BlobInfo[]> {
    const names = await readdir(this.#blobDir);
    const infos = await Promise.all(names.map((hex) => this.stat(`sha256:${hex}`).catch(() => undefined)));
    return infos.filter((info): info is BlobInfo => info !== undefined);
  }

  /** Delete a blob unless a lease holds it (or `keep` says so, checked under the store lock). */
  async delete(
    digest: string,
    keep: (digest: string) => boolean = () => false,
  ): Promise<BlobInfo | undefined> {
    return this.#lock.run(async () => {
      if (this.#leases.isHeld(digest) || keep(digest)) return undefined;
      const info = await this.stat(digest).catch(() => undefined);
      if (info) await unlink(this.pathOf(digest)).catch(() => undefined);
      return info;
    });
  }

  #publish(temp: string, digest: string, lease: Lease | undefined): Promise<boolean> {
    return this.#lock.run(async () => {
      lease?.hold(digest);
      const existed = await this.has(digest);
      await rename(temp, this.pathOf(digest));
      if (!existed) lease?.hold(digest, true);
      return !existed;
    });
  }
}

function checkExpected(digest: string, size: number, options: IngestOptions): void {
  if (options.expectedSize !== undefined && size !== options.expectedSize) {
    throw new InvalidArgument(`content is ${size} bytes, expected ${options.expectedSize}`);
  }
  if (options.expectedDigest !== undefined && digest !== options.expectedDigest) {
    throw new InvalidArgument(
      `content digest ${digest} does not match the expected ${options.expectedDigest}`,
    );
  }
}

function notFound(digest: string, cause: unknown): NotFound {
  return new NotFound(`blob ${digest} not found`, { cause });
}
