/**
 * The validator's report vocabulary. Lifecycle: `validateImage(target)` opens the target (OCI layout
 * directory, OCI layout tar, `docker save` tar, or an image in a registry), checks it, and returns a
 * ValidationReport whose
 * `defects` each name a stable rule id from rules.ts and the spec section behind it:
 *
 *   const report = await validateImage('/tmp/img.tar');
 *   if (!report.valid) for (const d of report.defects) console.log(d.ruleId, d.path, d.message);
 */
export type Severity = 'error' | 'warning';

export interface Defect {
  /** Stable rule id, e.g. `image:descriptor.digest` (see RULES in rules.ts). */
  readonly ruleId: string;
  readonly severity: Severity;
  /**
   * Where: a JSON pointer (`/layers/0/digest`, `` for the whole document) when the defect is inside a
   * JSON document named by `blob`; otherwise a file path inside the layout or archive (for layer
   * entries, the entry name inside the layer named by `blob`).
   */
  readonly path: string;
  /** The layout/archive file the defect concerns (e.g. `blobs/sha256/ab…`, `index.json`), or a digest. */
  readonly blob?: string;
  readonly message: string;
  /** Spec file and section, e.g. `descriptor.md#digests`. */
  readonly spec: string;
}

/** What the target turned out to be. `oci-layout` covers both a directory and a tar of one. */
export type TargetFormat =
  | 'oci-layout'
  | 'docker-archive'
  | 'oci-layout+docker-archive'
  | 'registry'
  | 'unknown';

export interface ValidationReport {
  readonly target: string;
  /** `directory` or `tar` (a gzip-compressed tar is read too), or `registry` (the distribution API). */
  readonly container: 'directory' | 'tar' | 'registry';
  readonly format: TargetFormat;
  /** False when at least one defect has severity `error`. */
  readonly valid: boolean;
  readonly defects: readonly Defect[];
}

/** Bounds of one run; every default is generous for real images and small enough to never hang. */
export interface ValidateOptions {
  /** Whole-run deadline (default 10 minutes); past it validateImage throws TimeoutError. */
  readonly timeoutMs?: number;
  /** Largest JSON document read into memory (default 4 MiB). */
  readonly maxDocumentBytes?: number;
  /** Total bytes of JSON documents kept in memory (default 256 MiB). */
  readonly maxCapturedBytes?: number;
  /** Most files scanned in a layout or archive (default 100 000). */
  readonly maxFiles?: number;
  /** Most entries read from one layer tar (default 1 000 000). */
  readonly maxLayerEntries?: number;
  /** Deepest index -> index nesting followed (default 8). */
  readonly maxDepth?: number;
  /** Skip reading layer contents (tar structure, whiteouts, diff_ids); blobs are still hashed. */
  readonly skipLayerContents?: boolean;
  /**
   * Report what cannot be verified (an unregistered digest algorithm, an unknown media type or
   * compression) as warnings instead of errors.
   */
  readonly lenient?: boolean;
  /** `os/arch[/variant]`: in an index follow only the children for this platform (default: all). */
  readonly platform?: string;
}

export type Limits = Required<Omit<ValidateOptions, 'skipLayerContents' | 'lenient' | 'platform'>> & {
  readonly skipLayerContents: boolean;
};

export const DEFAULT_LIMITS: Limits = {
  timeoutMs: 600_000,
  maxDocumentBytes: 4 * 1024 * 1024,
  maxCapturedBytes: 256 * 1024 * 1024,
  maxFiles: 100_000,
  maxLayerEntries: 1_000_000,
  maxDepth: 8,
  skipLayerContents: false,
};
