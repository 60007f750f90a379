import { createReadStream } from 'node:fs';
import { extract } from 'tar-stream';
import { applyLayer } from '../../reference-engine/layers/apply-layer.js';
import { decompressed } from '../../reference-engine/layers/decompress.js';

const read = (path: string) => createReadStream(path, { highWaterMark: 1 << 20 });

/** Decompression only, with the reference engine's decompressor (zlib, or the zstd binary). */
export async function referenceDecompress(path: string): Promise<number> {
  const { tar } = await decompressed(read(path));
  let bytes = 0;
  for await (const chunk of tar) bytes += (chunk as Buffer).length;
  return bytes;
}

/** Tar parsing only: tar-stream reads every header and drains every body; nothing is written. */
export async function referenceParse(path: string): Promise<number> {
  const { tar } = await decompressed(read(path));
  const parser = extract();
  tar.on('error', (err) => parser.destroy(err));
  tar.pipe(parser);
  let entries = 0;
  for await (const entry of parser) {
    entries++;
    entry.resume();
  }
  return entries;
}

/** The reference engine's layer apply (copy-driver whiteouts: whited-out paths are removed). */
export async function referenceApply(path: string, dir: string): Promise<number> {
  const r = await applyLayer(dir, read(path), { whiteouts: 'remove' });
  return r.entries;
}
