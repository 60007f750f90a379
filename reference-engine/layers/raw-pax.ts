/**
 * PAX records as bytes. tar-stream decodes and encodes PAX records as UTF-8 strings, which corrupts
 * binary `SCHILY.xattr.*` values (security.capability). `RawPaxScanner` watches the tar bytes on their
 * way to tar-stream and keeps, per entry in tar-stream's order, the raw xattr values; `encodeRawPax`
 * writes a PAX header block with byte-exact values.
 */
const BLOCK = 512;
const XATTR = 'SCHILY.xattr.';
const LONG_HEADERS = new Set(['x', 'g', 'L', 'K']);
const ZERO_BLOCK = Buffer.alloc(BLOCK);
const EMPTY = Buffer.alloc(0);

/** Raw SCHILY.xattr values of one entry: name → value bytes. */
export type RawXattrs = Map<string, Buffer>;

export class RawPaxScanner {
  private pending = EMPTY;
  private skip = 0;
  private collecting: { flag: string; size: number } | undefined;
  private local: Map<string, Buffer> | undefined;
  private global = new Map<string, Buffer>();
  private readonly entries: RawXattrs[] = [];
  private broken = false;

  /** Feeds the next bytes of the uncompressed tar (in order, before tar-stream sees them). */
  feed(chunk: Buffer): void {
    if (this.broken) return;
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const want = this.collecting ? padded(this.collecting.size) : BLOCK;
      let block: Buffer;
      if (this.pending.length === 0 && chunk.length - at >= want) {
        block = chunk.subarray(at, at + want);
        at += want;
      } else {
        const take = Math.min(want - this.pending.length, chunk.length - at);
        this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)]);
        at += take;
        if (this.pending.length < want) return;
        block = this.pending;
        this.pending = EMPTY;
      }
      if (this.collecting) this.endLongHeader(block.subarray(0, this.collecting.size));
      else this.header(block);
    }
  }

  /** The raw xattrs of the next entry tar-stream yields (empty when it had none). */
  take(): RawXattrs {
    return this.entries.shift() ?? new Map();
  }

  private header(block: Buffer): void {
    if (block.equals(ZERO_BLOCK)) return;
    const flag = String.fromCharCode(block[156] ?? 0);
    const size = octal(block.subarray(124, 136));
    if (size === undefined) {
      this.broken = true;
      return;
    }
    if (LONG_HEADERS.has(flag)) {
      this.collecting = { flag, size };
      if (size === 0) this.endLongHeader(Buffer.alloc(0));
      return;
    }
    const records = this.local;
    this.local = undefined;
    const xattrs = new Map(this.global);
    for (const [key, value] of records ?? [])
      if (key.startsWith(XATTR)) xattrs.set(key.slice(XATTR.length), value);
    this.entries.push(xattrs);
    const paxSize = records?.get('size');
    const dataSize = paxSize ? Number(paxSize.toString('latin1')) : size;
    this.skip = flag === '5' ? 0 : padded(dataSize);
  }

  private endLongHeader(body: Buffer): void {
    const flag = this.collecting?.flag;
    this.collecting = undefined;
    if (flag === 'x') this.local = parseRecords(body);
    if (flag === 'g') {
      for (const [key, value] of parseRecords(body))
        if (key.startsWith(XATTR)) this.global.set(key.slice(XATTR.length), value);
    }
  }
}

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

/** A tar numeric field: octal text, or base-256 when the high bit of the first byte is set. */
function octal(field: Buffer): number | undefined {
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f;
    for (const b of field.subarray(1)) value = value * 256 + b;
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : undefined;
}

/** `LEN KEY=VALUE\n` records; values stay bytes, keys are UTF-8. Malformed tails are ignored. */
export function parseRecords(body: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const len = Number(body.subarray(at, space).toString('latin1'));
    if (!Number.isInteger(len) || len <= 0 || at + len > body.length) break;
    const record = body.subarray(space + 1, at + len - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) out.set(record.subarray(0, eq).toString('utf8'), Buffer.from(record.subarray(eq + 1)));
    at += len;
  }
  return out;
}

/** One `LEN KEY=VALUE\n` record, LEN counting its own digits. */
function record(key: string, value: Buffer): Buffer {
  const rest = Buffer.byteLength(key) + value.length + 3; // ' ', '=', '\n'
  let len = rest + String(rest).length;
  if (String(len).length !== String(rest).length) len = rest + String(len).length;
  return Buffer.concat([Buffer.from(`${len} ${key}=`), value, Buffer.from('\n')]);
}

/** A complete PAX extended header ('x' block + records + padding) to precede one entry. */
export function encodeRawPax(records: ReadonlyArray<readonly [string, Buffer]>, mtimeSec: number): Buffer {
  const body = Buffer.concat(records.map(([key, value]) => record(key, value)));
  const header = Buffer.alloc(BLOCK);
  header.write('PaxHeader', 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write(`${Math.max(0, mtimeSec).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  header.write('x', 156, 'latin1');
  header.write('ustar\x0000', 257, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return Buffer.concat([header, body, Buffer.alloc(padded(body.length) - body.length)]);
}
