import type { Readable } from 'node:stream';
import type { Pack } from 'tar-stream';
import { packStream, writeEntry } from '../../../core/tar/index.js';
import type { ContentStore } from '../content-store/content-store.js';

/** Writes tar entries one at a time with backpressure; blobs stream from the content store. */
export class TarWriter {
  readonly #written = new Set<string>();
  #tar: Pack | undefined;

  constructor(private readonly content: ContentStore) {}

  async file(name: string, data: string | Buffer): Promise<void> {
    await writeEntry(this.#pack(), { name, content: data });
  }

  /** Copy a blob into the tar once, however many images share it. */
  async blob(name: string, digest: string): Promise<void> {
    if (this.#written.has(name)) return;
    this.#written.add(name);
    const { size } = await this.content.stat(digest);
    await writeEntry(this.#pack(), { name, size, content: await this.content.read(digest) });
  }

  /** The tar `write` produces; its failure becomes an error of the stream. */
  run(write: (tar: TarWriter) => Promise<void>): Readable {
    return packStream((tar) => {
      this.#tar = tar;
      return write(this);
    });
  }

  #pack(): Pack {
    if (!this.#tar) throw new Error('TarWriter: write inside run()');
    return this.#tar;
  }
}
