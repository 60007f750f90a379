import { ShipshapeError } from '../../core/errors.js';
import { deriveSeed, mulberry32 } from '../stats/prng.js';
import type { ContentKind, CorpusEntry } from './types.js';

const MiB = 1024 * 1024;

function positiveInt(name: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new ShipshapeError('INVALID_INPUT', `corpus: ${name} must be an integer in [0, ${max}], got ${v}`);
  return v;
}

const file = (path: string, size: number, content: ContentKind, seed: number): CorpusEntry => ({
  type: 'file',
  path,
  size,
  content,
  seed: deriveSeed(seed, path),
});

export interface SmallFilesOptions {
  readonly count?: number;
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly perDirectory?: number;
  readonly content?: ContentKind;
}

/** Many small files (default 20,000 of 1-4 KiB, seeded sizes), 100 to a directory. */
export function* smallFiles(seed: number, o: SmallFilesOptions = {}): Generator<CorpusEntry> {
  const count = positiveInt('count', o.count ?? 20_000, 10_000_000);
  const min = positiveInt('minSize', o.minSize ?? 1024, 64 * MiB);
  const max = positiveInt('maxSize', o.maxSize ?? 4096, 64 * MiB);
  if (max < min) throw new ShipshapeError('INVALID_INPUT', 'corpus: maxSize < minSize');
  const perDir = Math.max(1, positiveInt('perDirectory', o.perDirectory ?? 100, 1_000_000));
  const sizes = mulberry32(deriveSeed(seed, 'small-files/sizes'));
  yield { type: 'directory', path: 'small/' };
  for (let i = 0; i < count; i++) {
    const dir = `small/d${Math.floor(i / perDir)}/`;
    if (i % perDir === 0) yield { type: 'directory', path: dir };
    yield file(`${dir}f${i}.txt`, min + Math.floor(sizes() * (max - min + 1)), o.content ?? 'mixed', seed);
  }
}

export interface LargeFilesOptions {
  readonly count?: number;
  /** Bytes per file; default 256 MiB. */
  readonly size?: number;
  readonly content?: ContentKind;
}

/** N large files, streamed in 64 KiB chunks (never held in memory). */
export function* largeFiles(seed: number, o: LargeFilesOptions = {}): Generator<CorpusEntry> {
  const count = positiveInt('count', o.count ?? 1, 10_000);
  const size = positiveInt('size', o.size ?? 256 * MiB, 2 ** 40);
  yield { type: 'directory', path: 'large/' };
  for (let i = 0; i < count; i++) yield file(`large/blob${i}.bin`, size, o.content ?? 'mixed', seed);
}

export interface DeepTreeOptions {
  readonly depth?: number;
  readonly fileSize?: number;
}

/** A chain of nested directories with a file at each level; paths past 255 bytes need PAX headers. */
export function* deepTree(seed: number, o: DeepTreeOptions = {}): Generator<CorpusEntry> {
  const depth = positiveInt('depth', o.depth ?? 128, 4096);
  const size = positiveInt('fileSize', o.fileSize ?? 512, 64 * MiB);
  let dir = 'deep/';
  yield { type: 'directory', path: dir };
  for (let level = 0; level < depth; level++) {
    dir += `level${level}/`;
    yield { type: 'directory', path: dir };
    yield file(`${dir}file.txt`, size, 'text', seed);
  }
}

/** Regular files each with a hardlink and a relative symlink, plus absolute, dangling and directory symlinks. */
export function* links(seed: number, o: { count?: number } = {}): Generator<CorpusEntry> {
  const count = positiveInt('count', o.count ?? 1000, 1_000_000);
  const sizes = mulberry32(deriveSeed(seed, 'links/sizes'));
  yield { type: 'directory', path: 'links/' };
  for (let i = 0; i < count; i++) {
    const target = `links/f${i}`;
    yield file(target, 1024 + Math.floor(sizes() * 3073), 'mixed', seed);
    yield { type: 'hardlink', path: `links/h${i}`, target };
    yield { type: 'symlink', path: `links/s${i}`, target: `f${i}` };
  }
  yield { type: 'symlink', path: 'links/absolute', target: '/etc/hostname' };
  yield { type: 'symlink', path: 'links/dangling', target: 'does-not-exist' };
  yield { type: 'symlink', path: 'links/up', target: '..' };
}

/** OCI whiteouts: `.wh.<name>` markers for deleted files and an opaque directory `.wh..wh..opq`. */
export function* whiteouts(seed: number, o: { count?: number } = {}): Generator<CorpusEntry> {
  const count = positiveInt('count', o.count ?? 1000, 1_000_000);
  yield { type: 'directory', path: 'wh/' };
  for (let i = 0; i < count; i++) yield file(`wh/.wh.deleted${i}`, 0, 'random', seed);
  yield { type: 'directory', path: 'wh/opaque/' };
  yield file('wh/opaque/.wh..wh..opq', 0, 'random', seed);
  for (let i = 0; i < Math.min(count, 100); i++) yield file(`wh/opaque/kept${i}.txt`, 1024, 'text', seed);
}
