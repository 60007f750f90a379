import { pack } from 'tar-stream';
import type { LayerHeader } from './entry-header.js';

/** One entry for `makeTar`: a header (tar-stream shape, `pax` allowed) and an optional body. */
export interface TarEntry {
  header: Partial<LayerHeader> & { name: string };
  body?: string | Buffer;
}

/** Builds an uncompressed tar in memory (tests, fixtures and the apply benchmark use it). */
export async function makeTar(entries: Iterable<TarEntry>): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of tar) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const { header, body } of entries) {
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      const isFile = header.type === undefined || header.type === 'file';
      if (body === undefined && !isFile) tar.entry({ ...header }, cb);
      else tar.entry({ ...header }, body ?? '', cb);
    });
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}
