import { ShipshapeError } from '../../errors.js';

/** Status line and headers of an HTTP/1.x response, header names lower-cased (repeats joined by ', '). */
export interface HttpHead {
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function parseHttpHead(text: string, what: string): HttpHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (match === null) {
    throw new ShipshapeError(
      'PROTOCOL',
      `${what}: bad HTTP status line ${JSON.stringify(statusLine.slice(0, 80))}`,
    );
  }
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new ShipshapeError('PROTOCOL', `${what}: bad header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { status: Number(match[1]), reason: match[2] ?? '', headers };
}

/** Serialise a request head for a raw socket. */
export function formatHttpRequest(
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}
