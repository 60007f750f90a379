import { createHash, randomBytes } from 'node:crypto';

// Just enough RFC 6455 for attach/ws: the handshake key check, masked client frames, a frame reader.

export const WS_OPCODES = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** A fresh `Sec-WebSocket-Key`: 16 random bytes, base64. */
export const websocketKey = (): string => randomBytes(16).toString('base64');

/** The `Sec-WebSocket-Accept` a server must answer for `key`. */
export const websocketAccept = (key: string): string =>
  createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

/** One final client frame: masked, as RFC 6455 requires of clients. */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length =
    payload.length < 126
      ? Buffer.from([0x80 | payload.length])
      : payload.length < 0x10000
        ? Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | 127]), bigLength(payload.length)]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, mask, masked]);
}

const bigLength = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

/** A frame as read: opcode, FIN bit and the (unmasked) payload. */
export interface WsFrame {
  readonly opcode: number;
  readonly fin: boolean;
  readonly payload: Buffer;
}

/** Parses the frames of a byte stream (server frames are unmasked; masked ones are unmasked too). */
export async function* websocketFrames(bytes: AsyncIterable<Buffer>): AsyncGenerator<WsFrame> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of bytes) {
    buf = Buffer.concat([buf, chunk]);
    for (let frame = takeFrame(buf); frame !== undefined; frame = takeFrame(buf)) {
      buf = frame.rest;
      yield frame.frame;
    }
  }
}

function takeFrame(buf: Buffer): { frame: WsFrame; rest: Buffer } | undefined {
  if (buf.length < 2) return undefined;
  const b0 = buf[0] as number;
  const b1 = buf[1] as number;
  let offset = 2;
  let length = b1 & 0x7f;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (b1 & 0x80) !== 0;
  const mask = masked ? buf.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buf.length < offset + length) return undefined;
  const raw = buf.subarray(offset, offset + length);
  const payload =
    mask === undefined ? Buffer.from(raw) : Buffer.from(raw.map((x, i) => x ^ (mask[i % 4] as number)));
  return {
    frame: { opcode: b0 & 0x0f, fin: (b0 & 0x80) !== 0, payload },
    rest: buf.subarray(offset + length),
  };
}
