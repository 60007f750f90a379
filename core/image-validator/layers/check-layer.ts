import { createHash } from 'node:crypto';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import tar from 'tar-stream';
import type { Compression } from '../../../spec/oci-image/media-types.js';
import { defect } from '../rules.js';
import type { Defect, Limits } from '../types.js';
import { compressionOf, decompressor, sniffContent } from './compression.js';
import { ChangesetRules } from './whiteouts.js';

export interface LayerResult {
  /** sha256 of the uncompressed tar, when the whole layer could be read. */
  readonly diffId?: string;
  /** Defects with `path` = the layer blob (compression) or an entry name inside it. */
  readonly defects: readonly Defect[];
}

/**
 * Stream one layer blob: its magic bytes vs the declared compression (undefined = take what the bytes
 * show), uncompressed sha256, tar structure, changeset rules. Uncompressed tar, gzip and zstd layers
 * are all read and hashed the same way. Always consumes `data` to its end.
 */
export async function checkLayer(
  data: Readable,
  blobPath: string,
  head: Buffer,
  declared: Compression | undefined,
  limits: Limits,
  signal: AbortSignal,
): Promise<LayerResult> {
  const input = drainOnStop(data);
  const kind = sniffContent(head);
  const actual = compressionOf(kind);
  const defects: Defect[] = [];
  const stop = async (...more: Defect[]): Promise<LayerResult> => {
    await input.drain();
    return { defects: [...defects, ...more] };
  };
  const says = declared === undefined ? 'a layer' : `media type says ${describe(declared)}`;
  if (kind === 'bzip2' || kind === 'xz') {
    const message = `${says}, bytes are ${kind}: no ${kind} reader here; content and diff_id not verified`;
    return stop(defect('image:layer.unverified', blobPath, message));
  }
  if (actual === undefined) {
    const start = JSON.stringify(head.subarray(0, 8).toString('latin1'));
    const message = `${says}, but the bytes are neither tar, gzip nor zstd (${kind}, starting ${start})`;
    return stop(defect('image:layer.compression', blobPath, message));
  }
  if (declared !== undefined && declared !== actual) {
    const message = `${says}, bytes are ${describe(actual)}`;
    defects.push(defect('image:layer.compression', blobPath, message));
  }
  const unpack = actual === 'none' ? new PassThrough() : decompressor(actual);
  let unpackFailed = false;
  unpack.once('error', () => {
    unpackFailed = true;
  });
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const extract = tar.extract();
  const source = Readable.from(input.chunks());
  pipeline(source, unpack, hasher, (err) => {
    if (err) extract.destroy(err);
  });
  hasher.pipe(extract);
  const rules = new ChangesetRules();
  let count = 0;
  try {
    for await (const entry of extract) {
      signal.throwIfAborted();
      if (++count > limits.maxLayerEntries) {
        defects.push(
          defect('shipshape:limit', blobPath, `more than ${limits.maxLayerEntries} entries; rest not read`),
        );
        break;
      }
      const { name, type, size } = entry.header;
      rules.add({ name, type: type ?? 'file', size: size ?? 0 });
      entry.resume();
    }
  } catch (err) {
    signal.throwIfAborted();
    const rule = unpackFailed ? 'image:layer.compression' : 'image:layer.tar';
    const what = unpackFailed ? `${actual} stream` : 'tar stream';
    defects.push(defect(rule, blobPath, `${what}: ${(err as Error).message}`));
    source.destroy();
    await input.drain();
    return { defects: [...defects, ...rules.finish()] };
  }
  source.destroy();
  await input.drain();
  const complete = count <= limits.maxLayerEntries;
  const result = { defects: [...defects, ...rules.finish()] };
  return complete ? { ...result, diffId: `sha256:${hash.digest('hex')}` } : result;
}

const describe = (c: Compression): string => (c === 'none' ? 'an uncompressed tar' : c);

/** Iterate a stream so that a consumer stopping early still leaves the stream read to its end. */
function drainOnStop(data: Readable) {
  const it = data[Symbol.asyncIterator]();
  let done = false;
  let tail: Promise<Buffer | undefined> = Promise.resolve(undefined);
  // Serialized: the pipeline's reads and a later drain() never overlap on the iterator.
  const next = (): Promise<Buffer | undefined> => {
    const step = async (): Promise<Buffer | undefined> => {
      if (done) return undefined;
      const result = await it.next().catch((err: unknown) => {
        done = true;
        throw err;
      });
      done = result.done === true;
      return result.done ? undefined : (result.value as Buffer);
    };
    tail = tail.then(step, step);
    return tail;
  };
  return {
    async *chunks(): AsyncGenerator<Buffer> {
      for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
    },
    /** Read what is left; a read error here was already seen by the pipeline. */
    async drain(): Promise<void> {
      while ((await next().catch(() => undefined)) !== undefined) {}
    },
  };
}
