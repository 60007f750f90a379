import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import type { ReadTarEntry } from './entry.js';

/** Every entry of an (uncompressed) tar, in order, with each file's bytes. */
export async function readTar(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<ReadTarEntry[]> {
  const parser = extract();
  if (source instanceof Uint8Array)
    parser.end(Buffer.from(source.buffer, source.byteOffset, source.byteLength));
  else pipeline(Readable.from(source), parser).catch((err: Error) => parser.destroy(err));
  const entries: ReadTarEntry[] = [];
  for await (const entry of parser) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push(readEntry(entry.header, Buffer.concat(chunks)));
  }
  return entries;
}

/** A header as tar-stream parsed it, as a TarEntry (null fields left out). */
function readEntry(h: Header, content: Buffer): ReadTarEntry {
  return {
    name: h.name,
    type: h.type ?? 'file',
    mode: h.mode ?? 0,
    uid: h.uid ?? 0,
    gid: h.gid ?? 0,
    uname: h.uname ?? '',
    gname: h.gname ?? '',
    mtime: h.mtime ?? new Date(0),
    size: h.size ?? 0,
    ...(h.linkname ? { linkname: h.linkname } : {}),
    devmajor: h.devmajor ?? 0,
    devminor: h.devminor ?? 0,
    ...(h.pax ? { pax: h.pax as Record<string, string> } : {}),
    content,
  };
}
