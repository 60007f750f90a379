import { ShipshapeError } from '../../errors.js';

/** Decode an HTTP/1.1 chunked body as bytes arrive (for hijacked answers that still use chunking). */
export async function* dechunk(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let buf = Buffer.alloc(0);
  let state: 'size' | 'data' | 'crlf' = 'size';
  let need = 0;
  for await (const chunk of source) {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (state === 'size') {
        const eol = buf.indexOf('\r\n');
        if (eol < 0) break;
        const size = Number.parseInt(buf.subarray(0, eol).toString('latin1').split(';')[0] ?? '', 16);
        if (Number.isNaN(size)) throw new ShipshapeError('PROTOCOL', 'bad chunk size in chunked response');
        if (size === 0) return;
        buf = buf.subarray(eol + 2);
        [state, need] = ['data', size];
      } else if (state === 'data') {
        if (buf.length === 0) break;
        const take = Math.min(need, buf.length);
        yield Buffer.from(buf.subarray(0, take));
        buf = buf.subarray(take);
        need -= take;
        if (need === 0) state = 'crlf';
      } else {
        if (buf.length < 2) break;
        buf = buf.subarray(2);
        state = 'size';
      }
    }
  }
}
