/** One part of a multipart/byteranges body (RFC 9110 section 14.6). */
export interface BytePart {
  readonly contentRange?: string;
  readonly bytes: Buffer;
}

/** Split a multipart/byteranges body by the boundary named in `contentType`; undefined when not multipart. */
export function parseByteRanges(contentType: string | undefined, body: Buffer): BytePart[] | undefined {
  const boundary = /^multipart\/byteranges;.*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: BytePart[] = [];
  let at = body.indexOf(delimiter);
  for (let guard = 0; at >= 0 && guard < 100; guard++) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const head = part.subarray(0, split).toString('latin1');
      // The part body ends before the CRLF that precedes the next delimiter.
      const end = part.subarray(part.length - 2).toString() === '\r\n' ? part.length - 2 : part.length;
      const range = /^content-range:\s*(.+)$/im.exec(head)?.[1]?.trim();
      parts.push({ ...(range ? { contentRange: range } : {}), bytes: part.subarray(split + 4, end) });
    }
    at = next;
  }
  return parts;
}
