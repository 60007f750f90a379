import { describe, expect, it } from 'vitest';
import { isContainerStart, RequestScanner } from './request-scanner.js';

const feed = (s: RequestScanner, text: string, step = 7) => {
  const segs = [];
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i += step) segs.push(...s.push(bytes.subarray(i, i + step)));
  return segs;
};

describe('isContainerStart', () => {
  it.each([
    ['POST', '/v1.41/containers/abc/start', true],
    ['POST', '/containers/abc/start?detachKeys=x', true],
    ['GET', '/v1.41/containers/abc/start', false],
    ['POST', '/v1.41/containers/abc/stop', false],
    ['POST', '/v1.41/containers/create?name=start', false],
    ['POST', '/v1.41/exec/abc/start', false],
  ])('%s %s -> %s', (m, p, want) => expect(isContainerStart(m, p)).toBe(want));
});

describe('RequestScanner', () => {
  it('keeps every byte, in order, and flags only the start head', () => {
    const body = '{"Image":"x"}';
    const text =
      `POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
      'POST /v1.41/containers/abc/start HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n' +
      'POST /v1.41/containers/abc/wait HTTP/1.1\r\nHost: d\r\n\r\n';
    const s = new RequestScanner();
    const segs = feed(s, text);
    expect(Buffer.concat(segs.map((x) => x.bytes)).toString('latin1')).toBe(text);
    const flagged = segs.filter((x) => x.delay).map((x) => x.bytes.toString('latin1'));
    expect(flagged).toEqual([
      'POST /v1.41/containers/abc/start HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n',
    ]);
    expect([s.requests, s.matched]).toEqual([3, 1]);
  });

  it('does not read a start request line inside a body', () => {
    const body = 'POST /containers/x/start HTTP/1.1\r\n\r\n';
    const text = `POST /images/load HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const s = new RequestScanner();
    expect(feed(s, text).some((x) => x.delay)).toBe(false);
    expect(s.requests).toBe(1);
  });

  it('follows chunked bodies to the next request', () => {
    const text =
      'POST /images/load HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n' +
      'POST /containers/a/start HTTP/1.1\r\n\r\n';
    const s = new RequestScanner();
    const segs = feed(s, text, 3);
    expect(Buffer.concat(segs.map((x) => x.bytes)).toString('latin1')).toBe(text);
    expect(s.matched).toBe(1);
  });

  it('passes everything raw after a hijacking request', () => {
    const text =
      'POST /containers/a/attach?stream=1 HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n' +
      'POST /containers/a/start HTTP/1.1\r\n\r\n';
    const s = new RequestScanner();
    const segs = feed(s, text);
    expect(segs.some((x) => x.delay)).toBe(false);
    expect(Buffer.concat(segs.map((x) => x.bytes)).toString('latin1')).toBe(text);
  });
});
