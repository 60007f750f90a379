import type { Readable } from 'node:stream';
import type { Defect } from './types.js';

/** One regular file of the target, measured while it streamed past once. */
export interface FileInfo {
  /** Path inside the layout or archive (`blobs/sha256/ab…`); for a link, the link's own path. */
  readonly path: string;
  /** Where the bytes live (differs from `path` for a symlink or hardlink that was followed). */
  readonly realPath: string;
  readonly size: number;
  readonly sha256: string;
  /** Computed only for files under blobs/sha512/. */
  readonly sha512?: string;
  /** The first bytes (up to 512), for compression and tar magic. */
  readonly head: Buffer;
  /** Whole content, kept only for small files that look like JSON (see capture.ts). */
  readonly content?: Buffer;
}

export interface Inventory {
  readonly files: ReadonlyMap<string, FileInfo>;
  /** Directories seen, explicit or implied by a file path (no trailing slash). */
  readonly dirs: ReadonlySet<string>;
  /** Defects found while scanning: escaping or looping links, a truncated archive, special files. */
  readonly defects: readonly Defect[];
  /** What holds the blobs, for messages: `layout` (default), `archive`, `repository`. */
  readonly place?: string;
}

/**
 * A target opened for reading. Lifecycle: `openSource(target)` -> `scan()` once (every file hashed in one
 * streaming pass) -> `stream(paths, visit)` any number of times to re-read chosen files in order (a tar is
 * read once more from the start). `visit` must consume the stream to its end.
 */
export interface ImageSource {
  readonly container: 'directory' | 'tar' | 'registry';
  scan(): Promise<Inventory>;
  stream(
    realPaths: ReadonlySet<string>,
    visit: (realPath: string, data: Readable) => Promise<void>,
  ): Promise<void>;
  /** Release what the source holds (sockets, temporary files); called once when the run ends. */
  close?(): Promise<void>;
}
