import type { CaseBuilder, Draft, Gen } from './gen-context.js';

// Requests HTTP/1.1 refuses before any route sees them, sent as raw bytes.

function wire(lines: string[], body = ''): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

export const badProtocol: CaseBuilder = (g: Gen): Draft => {
  const path = g.pick(['/_ping', '/version', '/containers/json']);
  const base = ['Host: docker', 'Connection: close'];
  const [what, bytes] = g.pick<[string, Buffer]>([
    ['lower-case method', wire([`get ${path} HTTP/1.1`, ...base])],
    ['HTTP/9.9', wire([`GET ${path} HTTP/9.9`, ...base])],
    ['no HTTP version', wire([`GET ${path}`, ...base])],
    ['a header line without a colon', wire([`GET ${path} HTTP/1.1`, ...base, 'X-Fuzz value'])],
    [
      'Content-Length not a number',
      wire([`POST /containers/create HTTP/1.1`, ...base, 'Content-Length: abc']),
    ],
    [
      'Content-Length and Transfer-Encoding',
      wire(
        [`POST /containers/create HTTP/1.1`, ...base, 'Content-Length: 2', 'Transfer-Encoding: chunked'],
        '0\r\n\r\n',
      ),
    ],
    [
      'a chunk size that is not hex',
      wire(
        [
          `POST /containers/create HTTP/1.1`,
          ...base,
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
        ],
        'zz\r\n{}\r\n0\r\n\r\n',
      ),
    ],
    ['a NUL in the path', wire([`GET /_p\u0000ing HTTP/1.1`, ...base])],
    ['a space in the path', wire([`GET /con tainers/json HTTP/1.1`, ...base])],
    ['a control character in a header', wire([`GET ${path} HTTP/1.1`, ...base, 'X-Fuzz: a\u0001b'])],
    // Over any server's header limit (Node's 16 KiB, Go's 1 MiB).
    [
      'headers over 1 MiB',
      wire([`GET ${path} HTTP/1.1`, ...base, `X-Fuzz: ${'a'.repeat(g.int(1025, 1100) * 1024)}`]),
    ],
    ['two Host headers', wire([`GET ${path} HTTP/1.1`, 'Host: a', 'Host: b', 'Connection: close'])],
  ]);
  const [method = '?', target = path] = bytes.subarray(0, 200).toString('latin1').split(/[ \r]/);
  return {
    method,
    path: target,
    headers: {},
    wire: bytes,
    what,
    ...(what === 'HTTP/9.9' && { alsoOk: 505 }),
  };
};
