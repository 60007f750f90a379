import type { EntryAttributes, LayerHeader } from './entry-header.js';
import type { RootDir } from './root-dir.js';

/**
 * How whiteouts land on disk. `overlay`: as overlayfs expects them in a layer dir (char device 0/0 for
 * `.wh.NAME`, xattr trusted.overlay.opaque=y for `.wh..wh..opq`). `remove`: for copy-based drivers,
 * the whited-out lower content is deleted from the target tree.
 */
export type WhiteoutMode = 'overlay' | 'remove';

/** State shared by the entries of one apply. */
export interface ApplyContext {
  readonly root: RootDir;
  readonly whiteouts: WhiteoutMode;
  readonly chown: boolean;
  /** Paths this layer wrote ('a/b'); whiteouts only hide lower content (remove mode only). */
  readonly written: Set<string> | undefined;
  /** Called before each entry (whiteouts aside) is written; a throw refuses it and stops the apply. */
  readonly beforeEntry: ((header: LayerHeader, parts: readonly string[]) => void) | undefined;
  /** Directory times, set once all entries are in. */
  readonly dirTimes: Array<{ name: string; parts: string[]; attrs: EntryAttributes }>;
}
