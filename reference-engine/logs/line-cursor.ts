import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;
/** A longer line is dropped (a json-file line is a 16 KiB message at most when the writer splits). */
export const MAX_LINE = 16 * 1024 * 1024;

/**
 * Reads the whole lines of a growing file from `offset` on: each `lines()` call yields the lines
 * completed up to the file's end at that time and keeps a torn last line for the next call.
 */
export class LineCursor {
  private partial: Buffer[] = [];
  private partialLength = 0;
  private skipping = false;
  private readonly buf = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly file: FileHandle,
    public offset: number,
  ) {}

  /** The file shrank below the cursor (truncated or replaced): start again from its beginning. */
  async rewindIfShrunk(): Promise<void> {
    const { size } = await this.file.stat();
    if (size >= this.offset) return;
    this.offset = 0;
    this.partial = [];
    this.partialLength = 0;
    this.skipping = false;
  }

  async *lines(): AsyncGenerator<string> {
    for (;;) {
      const { bytesRead } = await this.file.read(this.buf, 0, CHUNK, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      let start = 0;
      for (
        let nl = this.buf.indexOf(0x0a, 0);
        nl !== -1 && nl < bytesRead;
        nl = this.buf.indexOf(0x0a, start)
      ) {
        const line = this.take(this.buf.subarray(start, nl));
        start = nl + 1;
        if (line !== undefined) yield line;
      }
      this.keep(this.buf.subarray(start, bytesRead));
    }
  }

  /** The line ending with `tail`, or undefined when it was too long and is being dropped. */
  private take(tail: Buffer): string | undefined {
    const skipped = this.skipping;
    const whole = this.partialLength === 0 ? tail : Buffer.concat([...this.partial, tail]);
    this.partial = [];
    this.partialLength = 0;
    this.skipping = false;
    return skipped || whole.length > MAX_LINE ? undefined : whole.toString('utf8');
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0 || this.skipping) return;
    this.partialLength += piece.length;
    if (this.partialLength > MAX_LINE) {
      this.partial = [];
      this.partialLength = 0;
      this.skipping = true;
      return;
    }
    this.partial.push(Buffer.from(piece));
  }
}
