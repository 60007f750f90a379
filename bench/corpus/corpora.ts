import { ShipshapeError } from '../../core/errors.js';
import {
  type DeepTreeOptions,
  deepTree,
  type LargeFilesOptions,
  largeFiles,
  links,
  type SmallFilesOptions,
  smallFiles,
  whiteouts,
} from './generators.js';
import type { CorpusEntry, CorpusTotals } from './types.js';

export type CorpusName = 'small-files' | 'large-files' | 'deep-tree' | 'links' | 'whiteouts';
export const CORPUS_NAMES: readonly CorpusName[] = [
  'small-files',
  'large-files',
  'deep-tree',
  'links',
  'whiteouts',
];

export interface CorpusParameters {
  readonly 'small-files': SmallFilesOptions;
  readonly 'large-files': LargeFilesOptions;
  readonly 'deep-tree': DeepTreeOptions;
  readonly links: { readonly count?: number };
  readonly whiteouts: { readonly count?: number };
}

export type CorpusProfile = 'full' | 'standard' | 'quick';

/**
 * `full`: the extraction benchmark's real sizes. `standard` (the default run): a tenth of them or less, so
 * that a default `shipshape bench` ends within minutes. `quick`: seconds-sized, for smoke runs and tests.
 */
export const CORPUS_PROFILES: Record<CorpusProfile, CorpusParameters> = {
  full: {
    'small-files': { count: 20_000, minSize: 1024, maxSize: 4096 },
    'large-files': { count: 1, size: 256 * 1024 * 1024 },
    'deep-tree': { depth: 128 },
    links: { count: 1000 },
    whiteouts: { count: 1000 },
  },
  standard: {
    'small-files': { count: 2000, minSize: 1024, maxSize: 4096 },
    'large-files': { count: 1, size: 32 * 1024 * 1024 },
    'deep-tree': { depth: 64 },
    links: { count: 200 },
    whiteouts: { count: 200 },
  },
  quick: {
    'small-files': { count: 200, minSize: 1024, maxSize: 4096 },
    'large-files': { count: 2, size: 1024 * 1024 },
    'deep-tree': { depth: 40 },
    links: { count: 20 },
    whiteouts: { count: 20 },
  },
};

const GENERATORS: { [N in CorpusName]: (seed: number, o: CorpusParameters[N]) => Generator<CorpusEntry> } = {
  'small-files': smallFiles,
  'large-files': largeFiles,
  'deep-tree': deepTree,
  links,
  whiteouts,
};

/** The entries of a named corpus for a seed; `overrides` replace the profile's parameters. */
export function corpusEntries<N extends CorpusName>(
  name: N,
  seed: number,
  profile: CorpusProfile = 'full',
  overrides: CorpusParameters[N] = {},
): Iterable<CorpusEntry> {
  const params = { ...CORPUS_PROFILES[profile][name], ...overrides };
  const generate = GENERATORS[name] as (seed: number, o: CorpusParameters[N]) => Generator<CorpusEntry>;
  if (!generate) throw new ShipshapeError('INVALID_INPUT', `unknown corpus ${String(name)}`);
  return { [Symbol.iterator]: () => generate(seed, params) };
}

/** Counts by type and payload bytes, without producing any content (for files/s and MB/s). */
export function corpusTotals(entries: Iterable<CorpusEntry>): CorpusTotals {
  const t = { files: 0, directories: 0, symlinks: 0, hardlinks: 0, bytes: 0 };
  for (const e of entries) {
    if (e.type === 'file') {
      t.files++;
      t.bytes += e.size;
    } else if (e.type === 'directory') t.directories++;
    else if (e.type === 'symlink') t.symlinks++;
    else t.hardlinks++;
  }
  return t;
}
