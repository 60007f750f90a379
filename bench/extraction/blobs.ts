import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type CorpusName, type CorpusProfile, corpusEntries, corpusTotals } from '../corpus/corpora.js';
import { type Encoder, encodeStream } from '../corpus/encode.js';
import { layerTarStream } from '../corpus/tar.js';
import type { CorpusTotals } from '../corpus/types.js';

/** An encoded corpus layer written to disk once, read by every contender. */
export interface LayerFile {
  readonly corpus: CorpusName;
  readonly encoder: Encoder;
  readonly path: string;
  /** Size of the file as stored (compressed for gzip and zstd). */
  readonly storedBytes: number;
  readonly totals: CorpusTotals;
  /** Tar entries: files + directories + symlinks + hardlinks. */
  readonly entries: number;
}

const EXTENSION: Record<Encoder, string> = {
  none: 'tar',
  'gzip-1': 'tar.gz1',
  'gzip-6': 'tar.gz6',
  'gzip-9': 'tar.gz9',
  zstd: 'tar.zst',
};

/** Streams corpus -> tar -> encoder -> `dir/<corpus>.<ext>`; memory stays bounded for any size. */
export async function writeLayerFile(
  dir: string,
  corpus: CorpusName,
  encoder: Encoder,
  o: { profile: CorpusProfile; seed: number },
): Promise<LayerFile> {
  const path = join(dir, `${corpus}.${EXTENSION[encoder]}`);
  const entries = corpusEntries(corpus, o.seed, o.profile);
  await pipeline(encodeStream(layerTarStream(entries), encoder), createWriteStream(path));
  const totals = corpusTotals(entries);
  return {
    corpus,
    encoder,
    path,
    storedBytes: (await stat(path)).size,
    totals,
    entries: totals.files + totals.directories + totals.symlinks + totals.hardlinks,
  };
}
