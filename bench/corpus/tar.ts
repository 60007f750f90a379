import type { Readable } from 'node:stream';
import { type TarEntry, tarStream } from '../../core/tar/index.js';
import { contentChunks } from './content.js';
import type { CorpusEntry } from './types.js';

/** Every entry gets this mtime, uid/gid 0 and empty user/group names, so equal input gives equal bytes. */
export const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

function tarEntry(e: CorpusEntry): TarEntry {
  const base = { name: e.path, mtime: FIXED_MTIME };
  if (e.type === 'directory') return { ...base, type: 'directory', mode: e.mode ?? 0o755 };
  if (e.type === 'symlink') return { ...base, type: 'symlink', linkname: e.target, mode: 0o777 };
  if (e.type === 'hardlink') return { ...base, type: 'link', linkname: e.target };
  const content = contentChunks(e.content, e.seed, e.size);
  return { ...base, mode: e.mode ?? 0o644, size: e.size, content };
}

/** Entries described lazily: file bytes are generated only when the tar reaches them. */
function* tarEntries(entries: Iterable<CorpusEntry>): Generator<TarEntry> {
  for (const e of entries) yield tarEntry(e);
}

/**
 * An uncompressed layer tar of `entries`, produced as it is read: back-pressure pauses generation, so
 * memory stays bounded whatever the corpus size. Destroying the stream stops the producer.
 */
export function layerTarStream(entries: Iterable<CorpusEntry>): Readable {
  return tarStream(tarEntries(entries));
}
