import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { extract } from 'tar-stream';
import { ReferenceEngineError } from '../errors.js';
import { errnoCode } from '../syscalls/index.js';
import type { ApplyContext, WhiteoutMode } from './apply-context.js';
import { applyWhiteout, WHITEOUT_PREFIX } from './apply-whiteout.js';
import { type Compression, decompressed } from './decompress.js';
import { type EntryAttributes, entryAttributes, type LayerHeader } from './entry-header.js';
import { entryComponents, explainEntryError } from './entry-path.js';
import { RawPaxScanner, type RawXattrs } from './raw-pax.js';
import { at, RootDir } from './root-dir.js';
import { setTimes } from './set-attributes.js';
import { writeEntry } from './write-entry.js';
import { WritePool } from './write-pool.js';
import { type SmallFile, writeSmallFiles } from './write-small-file.js';

/** Regular files up to this size are buffered and written in batches by the pool; larger ones stream. */
const SMALL_FILE = 1 << 20;

export interface ApplyOptions {
  /** `overlay` for a layer dir of the overlay driver, `remove` for copy-based drivers (vfs, btrfs). */
  whiteouts: WhiteoutMode;
  /** Set owners from the tar (default: when running as root). */
  chown?: boolean;
  /** A check before each entry (whiteouts aside) is written: throw to refuse it (docker cp's rules). */
  beforeEntry?: (header: LayerHeader, parts: readonly string[]) => void;
}

export interface ApplyResult {
  compression: Compression;
  /** sha256 of the uncompressed tar: the layer's diffID. */
  diffId: string;
  /** Uncompressed tar size in bytes. */
  size: number;
  entries: number;
}

/**
 * Applies a layer blob (tar, tar+gzip or tar+zstd, detected from its magic bytes) onto `root`, streaming.
 * Entries that would escape the root are refused with InvalidArgument naming the entry; the apply stops
 * there and nothing is ever written outside `root`. Directory times are set after all entries.
 */
export async function applyLayer(root: string, blob: Readable, options: ApplyOptions): Promise<ApplyResult> {
  const { tar, compression } = await decompressed(blob);
  const hash = createHash('sha256');
  const scanner = new RawPaxScanner();
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      scanner.feed(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const parser = extract();
  tar.on('error', (err) => parser.destroy(err));
  tar.pipe(hashing).pipe(parser);
  const ctx: ApplyContext = {
    root: RootDir.open(root),
    whiteouts: options.whiteouts,
    chown: options.chown ?? process.getuid?.() === 0,
    written: options.whiteouts === 'remove' ? new Set() : undefined,
    beforeEntry: options.beforeEntry,
    dirTimes: [],
  };
  const pool = new WritePool<SmallFile>((files) => writeSmallFiles(ctx, files));
  let entries = 0;
  try {
    for await (const entry of parser) {
      entries++;
      const header = entry.header as LayerHeader;
      await applyEntry(ctx, pool, header, entry as AsyncIterable<Uint8Array>, scanner.take());
      entry.resume();
    }
    await pool.drain();
    setDirectoryTimes(ctx);
  } catch (err) {
    blob.destroy();
    tar.destroy();
    throw err;
  } finally {
    await pool.settle();
    ctx.root.close();
  }
  return { compression, diffId: `sha256:${hash.digest('hex')}`, size, entries };
}

/**
 * One entry: small regular files go to the pool; anything that could race it waits for the pool to
 * drain first (same/ancestor/descendant path, whiteouts, hardlinks, a parent-fd cache refresh).
 */
async function applyEntry(
  ctx: ApplyContext,
  pool: WritePool<SmallFile>,
  header: LayerHeader,
  data: AsyncIterable<Uint8Array>,
  raw: RawXattrs,
): Promise<void> {
  try {
    const parts = entryComponents(header.name);
    const whiteout = (parts.at(-1) ?? '').startsWith(WHITEOUT_PREFIX);
    if (whiteout || header.type === 'link' || pool.conflicts(parts)) await pool.drain();
    if (ctx.root.needsRefresh) {
      await pool.drain();
      ctx.root.refresh();
    }
    if (whiteout) {
      applyWhiteout(ctx, header.name, parts);
      return;
    }
    if (ctx.beforeEntry) {
      await pool.drain();
      ctx.beforeEntry(header, parts);
    }
    const attrs = isSmallFile(header, parts) ? entryAttributes(header, raw) : undefined;
    // Files with xattrs are rare: they take the streaming path, which sets xattrs before times.
    if (attrs && attrs.xattrs.size === 0) await queueSmallFile(ctx, pool, header, parts, data, attrs);
    else await writeEntry(ctx, header, parts, data, raw);
  } catch (err) {
    throw explainEntryError(header.name, err);
  }
}

const isSmallFile = (header: LayerHeader, parts: string[]) =>
  (header.type === 'file' || header.type === 'contiguous-file') &&
  parts.length > 0 &&
  (header.size ?? 0) <= SMALL_FILE;

async function queueSmallFile(
  ctx: ApplyContext,
  pool: WritePool<SmallFile>,
  header: LayerHeader,
  parts: string[],
  data: AsyncIterable<Uint8Array>,
  attrs: EntryAttributes,
): Promise<void> {
  const dirFd = ctx.root.parent(header.name, parts.slice(0, -1), true);
  // Chunks are the stream's own buffers (never reused): kept, copied once into the batch.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    chunks.push(chunk);
    size += chunk.length;
  }
  ctx.written?.add(parts.join('/'));
  await pool.add({ entryName: header.name, parts, dirFd, attrs, chunks, size });
}

function setDirectoryTimes(ctx: ApplyContext): void {
  ctx.root.refresh();
  for (const { name, parts, attrs } of ctx.dirTimes) {
    try {
      const dirFd = ctx.root.parent(name, parts.slice(0, -1), false);
      setTimes(at(dirFd, parts.at(-1) ?? '.'), attrs);
    } catch (err) {
      // A later entry of this layer removed or replaced the directory: nothing to stamp.
      if (!(err instanceof ReferenceEngineError) && errnoCode(err) !== 'ENOENT') throw err;
    }
  }
}
