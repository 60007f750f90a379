import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setPath } from './cases-bodies.js';
import { DEFAULT_BODY_LIMIT, malformedRequests } from './malformed-requests.js';
import { tryParse } from './raw-http.js';
import { judge, runFuzz } from './run-fuzz.js';
import { FUZZ_CATEGORIES, type FuzzCase } from './types.js';

const target = { container: 'c'.repeat(64), image: 'probe:fuzz' };
/** A case as one comparable string (bodies of megabytes hashed: deep equality on them is slow). */
const digest = (c: FuzzCase): string =>
  JSON.stringify({ ...c, body: c.body && hash(c.body), wire: c.wire && hash(c.wire) });
const hash = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const answer = (status: number, body: string) => ({ status, headers: {}, body: Buffer.from(body) });

describe('malformed requests', () => {
  const cases = malformedRequests({ seed: 42, count: 1000, target });

  it('are the same for the same seed and differ for another', () => {
    const again = malformedRequests({ seed: 42, count: 1000, target });
    expect(again.map(digest)).toEqual(cases.map(digest));
    const other = malformedRequests({ seed: 43, count: 1000, target });
    expect(other.filter((c, i) => c.what !== cases[i]?.what).length).toBeGreaterThan(500);
  });

  it('cover every category, one of each first', () => {
    expect(cases.slice(0, FUZZ_CATEGORIES.length).map((c) => c.category)).toEqual([...FUZZ_CATEGORIES]);
    for (const category of FUZZ_CATEGORIES)
      expect(cases.filter((c) => c.category === category).length, category).toBeGreaterThan(10);
    expect(cases.map((c) => c.n)).toEqual(cases.map((_, i) => i));
  });

  it('send what each category says', () => {
    const of = (category: string) => cases.filter((c) => c.category === category);
    for (const c of of('over-limit')) expect(c.body?.length ?? 0).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    for (const c of of('wrong-type')) expect(() => JSON.parse(c.body?.toString() ?? '')).not.toThrow();
    for (const c of of('bad-json')) {
      const text = c.body?.toString('utf8') ?? '';
      const notJson = (() => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      })();
      const notUtf8 = !Buffer.from(text, 'utf8').equals(c.body ?? Buffer.alloc(0));
      const notJsonType = c.headers['Content-Type'] !== 'application/json';
      expect(notJson || notUtf8 || notJsonType, c.what).toBe(true);
    }
    for (const c of of('archive-path')) expect(decodeURIComponent(c.path)).toMatch(/\.\.[/\\]/);
    for (const c of of('bad-protocol')) expect(c.wire).toBeInstanceOf(Buffer);
    for (const c of cases) if (!c.wire) expect(c.path.startsWith('/'), c.what).toBe(true);
    // Never a version inside 1.12..1.41 (valid for dockerd) nor a double slash (a redirect).
    for (const c of of('version-prefix')) {
      const v = /^\/v([0-9.]*)\//.exec(c.path)?.[1];
      if (v && /^\d+\.\d+$/.test(v))
        expect(Number(v.split('.')[1]) < 12 || Number(v.split('.')[1]) > 41 || !v.startsWith('1.')).toBe(
          true,
        );
      expect(c.path).not.toContain('//');
    }
  });

  it('set a field anywhere in a body, making what is missing', () => {
    expect(setPath({ a: { b: 1 } }, 'a.c', 2)).toEqual({ a: { b: 1, c: 2 } });
    expect(setPath({}, 'H.M.0.T', 'x')).toEqual({ H: { M: [{ T: 'x' }] } });
  });
});

describe('judging an answer', () => {
  it('wants a 4xx with a JSON message', () => {
    expect(judge('GET', answer(400, '{"message":"bad"}'))).toBeUndefined();
    expect(judge('GET', answer(404, 'page not found'))).toBe('the body is not JSON');
    expect(judge('GET', answer(400, '{"message":1}'))).toBe('no {"message": string} in the body');
    expect(judge('GET', answer(500, '{"message":"x"}'))).toBe('a server error for a client mistake');
    expect(judge('GET', answer(201, '{}'))).toBe('accepted');
    expect(judge('HEAD', answer(404, ''))).toBeUndefined();
    expect(judge('GET', answer(505, 'HTTP Version Not Supported'), 505)).toBeUndefined();
  });

  it('reads an answer whole, chunked or not', () => {
    const chunked = Buffer.from(
      'HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    );
    expect(tryParse(chunked)?.body.toString()).toBe('hello');
    expect(tryParse(Buffer.from('HTTP/1.1 404 No\r\nContent-Length: 3\r\n\r\nabc'), true)?.body.length).toBe(
      0,
    );
    expect(tryParse(Buffer.from('HTTP/1.1 404 No\r\n'))).toBeUndefined();
  });
});

describe('running cases against a server', () => {
  let dir = '';
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => server?.close(r) ?? r(undefined));
    rmSync(dir, { recursive: true, force: true });
  });

  it('tallies refusals, server errors, and requests left unanswered', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fuzz-run-'));
    const sock = join(dir, 's.sock');
    server = createServer((req, res) => {
      if (req.url === '/_ping') return res.end('OK');
      if (req.url === '/drop') return req.socket.destroy();
      res.writeHead(req.url === '/boom' ? 500 : 400, { 'Content-Type': 'application/json' });
      res.end('{"message":"no"}');
    });
    await new Promise<void>((r) => server?.listen(sock, r));
    const mk = (n: number, path: string): FuzzCase => ({
      n,
      category: 'unknown-route',
      method: 'GET',
      path,
      headers: {},
      what: path,
    });
    const report = await runFuzz(
      `unix://${sock}`,
      [mk(0, '/x'), mk(1, '/boom'), mk(2, '/drop'), mk(3, '/y')],
      { timeoutMs: 2000 },
    );
    expect(report).toMatchObject({ sent: 4, passed: 2, statuses: { 400: 2, 500: 1 } });
    expect(report.diedAfter).toBeUndefined(); // /drop went unanswered, but _ping still answers
    expect(report.failures.map((f) => [f.n, f.why.split(':')[0]])).toEqual([
      [1, 'a server error for a client mistake'],
      [2, 'no answer'],
    ]);
    expect(report.byCategory['unknown-route']).toEqual({ sent: 4, passed: 2 });
  });
});
