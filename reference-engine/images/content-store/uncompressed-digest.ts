import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createGunzip, type Gunzip } from 'node:zlib';
import { InvalidArgument } from '../../errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Hashes the uncompressed form of a blob while it streams past (a layer's diff_id): gzip input is
 * inflated on the fly, anything else is hashed as it is. Feed every chunk to `update`, then `finish`.
 */
export class UncompressedDigest {
  #hash: Hash = createHash('sha256');
  #size = 0;
  #gunzip: Gunzip | undefined;
  #decided = false;
  #failure: Error | undefined;
  #failed: Promise<never> = new Promise<never>(() => undefined);

  async update(chunk: Uint8Array): Promise<void> {
    if (!this.#decided) this.#decide(chunk);
    if (this.#gunzip === undefined) {
      this.#count(chunk);
      return;
    }
    if (this.#failure) throw this.#failure;
    if (!this.#gunzip.write(chunk)) await Promise.race([once(this.#gunzip, 'drain'), this.#failed]);
  }

  /** The digest and size of the uncompressed bytes, and whether the input was gzip. */
  async finish(): Promise<{ digest: string; size: number; gzip: boolean }> {
    const gunzip = this.#gunzip;
    if (gunzip !== undefined) {
      gunzip.end();
      await Promise.race([once(gunzip, 'end'), this.#failed]);
    }
    return { digest: `sha256:${this.#hash.digest('hex')}`, size: this.#size, gzip: gunzip !== undefined };
  }

  /** Stops a gzip inflater that will not be finished (the ingest failed). */
  abort(): void {
    this.#gunzip?.destroy();
  }

  #decide(chunk: Uint8Array): void {
    this.#decided = true;
    if (chunk[0] !== GZIP_MAGIC[0] || chunk[1] !== GZIP_MAGIC[1]) return;
    const gunzip = createGunzip();
    gunzip.on('data', (data: Buffer) => this.#count(data));
    this.#failed = new Promise<never>((_, reject) => {
      gunzip.on('error', (err) => {
        this.#failure = new InvalidArgument(`corrupt gzip data: ${err.message}`, { cause: err });
        reject(this.#failure);
      });
    });
    this.#failed.catch(() => undefined);
    this.#gunzip = gunzip;
  }

  #count(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
  }
}
