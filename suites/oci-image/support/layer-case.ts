import type { TreeEntry } from '../../../fixtures/images/index.js';

/** What one path must look like in the container once every layer is applied. */
export interface PathExpectation {
  /** Relative to the case directory; '.' is the case directory itself. */
  readonly path: string;
  readonly absent?: true;
  readonly type?: 'file' | 'dir' | 'symlink';
  /** Octal with the special bits, as probe prints it: '4755'. */
  readonly mode?: string;
  readonly uid?: number;
  readonly gid?: number;
  /** Symlink target text. */
  readonly link?: string;
  readonly content?: string;
  readonly mtimeSec?: number;
  readonly mtimeNsec?: number;
  /** Another path of the case that must be the same inode. */
  readonly sameInodeAs?: string;
  readonly nlink?: number;
  /** The exact names directly inside this directory, sorted. */
  readonly children?: readonly string[];
}

/**
 * One crafted layer scenario, applied under /cases/<name>/ of the semantics image. `layers[i]` holds the
 * entries of layer i (paths relative to the case directory); cases share layers, so each is independent
 * of the others only through its own directory. Lifecycle: semantics-image.ts builds one image from all
 * cases, one probe run lists /cases, and each case's test checks its `expect` against that listing.
 */
export interface LayerCase {
  readonly name: string;
  readonly title: string;
  readonly area: string;
  readonly requirements: readonly string[];
  readonly layers: readonly (readonly TreeEntry[])[];
  readonly expect: readonly PathExpectation[];
  /** Entries that get a PAX mtime with a fraction: path -> `SEC.NSEC`. */
  readonly paxMtime?: Readonly<Record<string, string>>;
}
