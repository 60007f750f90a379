import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { extract } from 'tar-stream';
import { ReferenceEngineError } from '../errors.js';
import { errnoCode } from '../native/index.js';
import type { ApplyContext, WhiteoutMode } from './apply-context.js';
import { applyWhiteout, WHITEOUT_PREFIX } from './apply-whiteout.js';
import { type Compression, decompressed } from './decompress.js';
import type { LayerHeader } from './entry-header.js';
import { entryComponents, refuse } from './entry-path.js';
import { at, RootDir } from './root-dir.js';
import { setTimes } from './set-attributes.js';
import { writeEntry } from './write-entry.js';

export interface ApplyOptions {
  /** `overlay` for a layer dir of the overlay driver, `remove` for copy-based drivers (vfs, btrfs). */
  whiteouts: WhiteoutMode;
  /** Set owners from the tar (default: when running as root). */
  chown?: boolean;
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
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
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
    dirTimes: [],
  };
  let entries = 0;
  try {
    for await (const entry of parser) {
      entries++;
      ctx.root.refresh();
      await applyEntry(ctx, entry.header as LayerHeader, entry as AsyncIterable<Uint8Array>);
      entry.resume();
    }
    setDirectoryTimes(ctx);
  } catch (err) {
    blob.destroy();
    tar.destroy();
    throw err;
  } finally {
    ctx.root.close();
  }
  return { compression, diffId: `sha256:${hash.digest('hex')}`, size, entries };
}

async function applyEntry(
  ctx: ApplyContext,
  header: LayerHeader,
  data: AsyncIterable<Uint8Array>,
): Promise<void> {
  try {
    const parts = entryComponents(header.name);
    if ((parts.at(-1) ?? '').startsWith(WHITEOUT_PREFIX)) applyWhiteout(ctx, header.name, parts);
    else await writeEntry(ctx, header, parts, data);
  } catch (err) {
    if (err instanceof ReferenceEngineError) throw err;
    if (errnoCode(err) === 'ENAMETOOLONG') throw refuse(header.name, 'name too long');
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`applying layer entry ${JSON.stringify(header.name)}: ${reason}`, { cause: err });
  }
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
