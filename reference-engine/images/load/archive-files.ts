import { once } from 'node:events';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { InvalidArgument, ReferenceEngineError } from '../../errors.js';
import type { ByteSource, ContentStore, IngestResult, Lease } from '../content-store/content-store.js';

const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;
const MAX_LINK_HOPS = 16;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Every regular file of an archive, ingested into the content store and found again by path. */
export class ArchiveFiles {
  readonly #files = new Map<string, IngestResult>();
  readonly #links = new Map<string, string>();

  constructor(private readonly content: ContentStore) {}

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** The ingested blob at `path`, following symlinks and hard links. */
  get(path: string): IngestResult | undefined {
    let current = clean(path);
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const file = this.#files.get(current);
      if (file) return file;
      const target = this.#links.get(current);
      if (target === undefined) return undefined;
      current = target;
    }
    return undefined;
  }

  /** The file at `path` parsed as JSON; InvalidArgument names the path when it is absent or malformed. */
  async json<T>(path: string): Promise<T> {
    const file = this.get(path);
    if (!file) throw new InvalidArgument(`archive has no ${path}`);
    if (file.size > MAX_JSON_BYTES)
      throw new InvalidArgument(`${path} in the archive is too large (${file.size} bytes)`);
    try {
      return JSON.parse((await this.content.readBytes(file.digest)).toString('utf8')) as T;
    } catch (err) {
      throw new InvalidArgument(`${path} in the archive is not valid JSON`, { cause: err });
    }
  }

  /**
   * Stream the tar (optionally gzip-compressed) and ingest each regular file under `lease`. A file at
   * blobs/sha256/<hex> is verified against its name while it streams.
   */
  async ingest(source: ByteSource, lease: Lease): Promise<void> {
    const tar = extract();
    const feeding = pipeline(Readable.from(gunzipIfNeeded(source)), tar).catch((err: unknown) => {
      tar.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    try {
      for await (const entry of tar) {
        const path = clean(entry.header.name);
        const type = entry.header.type;
        if (type === 'file' || type === 'contiguous-file') {
          const hex = BLOB_PATH.exec(path)?.[1];
          const expected = hex === undefined ? {} : { expectedDigest: `sha256:${hex}` };
          this.#files.set(
            path,
            await this.content
              .ingest(entry as unknown as AsyncIterable<Uint8Array>, { ...expected, lease })
              .catch(named(path)),
          );
          continue;
        }
        if (type === 'symlink' && entry.header.linkname) {
          this.#links.set(path, clean(posix.join(posix.dirname(path), entry.header.linkname)));
        } else if (type === 'link' && entry.header.linkname) {
          this.#links.set(path, clean(entry.header.linkname));
        }
        entry.resume();
      }
    } catch (err) {
      if (err instanceof ReferenceEngineError) throw err;
      throw new InvalidArgument(`the archive is truncated or not a tar: ${(err as Error).message}`, {
        cause: err,
      });
    } finally {
      tar.destroy();
      await feeding;
    }
  }
}

function clean(path: string): string {
  return posix
    .normalize(path)
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

function named(path: string): (err: unknown) => never {
  return (err) => {
    if (err instanceof InvalidArgument) throw new InvalidArgument(`${path}: ${err.message}`, { cause: err });
    throw err;
  };
}

/** docker load accepts a gzip-compressed archive too; look at the first bytes to tell. */
async function* gunzipIfNeeded(source: ByteSource): AsyncGenerator<Uint8Array> {
  const iterator = (async function* () {
    yield* source;
  })();
  const first = await iterator.next();
  if (first.done) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) {
    yield first.value;
    yield* rest;
    return;
  }
  const gunzip = createGunzip();
  const writing = (async () => {
    for (const chunk of [first.value]) if (!gunzip.write(chunk)) await once(gunzip, 'drain');
    for await (const chunk of rest) if (!gunzip.write(chunk)) await once(gunzip, 'drain');
    gunzip.end();
  })().catch((err: Error) => gunzip.destroy(err));
  yield* gunzip;
  await writing;
}
