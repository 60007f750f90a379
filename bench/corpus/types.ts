/** How file bytes are made: incompressible keystream, compressible seeded text, or 64 KiB chunks of either. */
export type ContentKind = 'random' | 'text' | 'mixed';

/**
 * One entry of a corpus layer, in tar order. Entries are cheap descriptions: file bytes are produced
 * only while the tar stream is read (from `seed`), so a corpus of any size streams in bounded memory.
 */
export type CorpusEntry =
  | { readonly type: 'directory'; readonly path: string; readonly mode?: number }
  | {
      readonly type: 'file';
      readonly path: string;
      readonly size: number;
      readonly content: ContentKind;
      readonly seed: number;
      readonly mode?: number;
    }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string }
  | { readonly type: 'hardlink'; readonly path: string; readonly target: string };

export interface CorpusTotals {
  readonly files: number;
  readonly directories: number;
  readonly symlinks: number;
  readonly hardlinks: number;
  /** Sum of regular file sizes (the uncompressed payload an extractor writes). */
  readonly bytes: number;
}
