import { Readable } from 'node:stream';
import { type Pack, pack } from 'tar-stream';
import type { ContentStore } from '../content-store/content-store.js';

const EPOCH = new Date(0);

/** Writes tar entries one at a time with backpressure; blobs stream from the content store. */
export class TarWriter {
  readonly stream: Pack = pack();
  readonly #written = new Set<string>();

  constructor(private readonly content: ContentStore) {}

  async file(name: string, data: string | Buffer): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await new Promise<void>((resolve, reject) => {
      this.stream.entry({ name, size: bytes.length, mtime: EPOCH, mode: 0o644 }, bytes, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }

  /** Copy a blob into the tar once, however many images share it. */
  async blob(name: string, digest: string): Promise<void> {
    if (this.#written.has(name)) return;
    this.#written.add(name);
    const { size } = await this.content.stat(digest);
    const source = await this.content.read(digest);
    await new Promise<void>((resolve, reject) => {
      const entry = this.stream.entry({ name, size, mtime: EPOCH, mode: 0o644 }, (err) =>
        err ? reject(err) : resolve(),
      );
      source.on('data', (chunk: Buffer) => {
        if (!entry.write(chunk)) source.pause();
      });
      entry.on('drain', () => source.resume());
      source.on('end', () => entry.end(undefined));
      source.on('error', (err) => {
        entry.destroy(err);
        reject(err);
      });
    });
  }

  /** Run `write`, then finish the tar, or destroy the stream with the error. */
  run(write: (tar: TarWriter) => Promise<void>): Readable {
    write(this).then(
      () => this.stream.finalize(),
      (err: Error) => this.stream.destroy(err),
    );
    return Readable.from(this.stream as unknown as AsyncIterable<Buffer>, { objectMode: false });
  }
}
