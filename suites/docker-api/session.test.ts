import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

// Session: the interactive build session; the engine hijacks the connection and speaks HTTP/2 over it.

const ctx = suiteContext({ probe: false });
const session = { tags: ['session'], requirements: ['docker-api:Session'] };
const H2_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

describe('Session', () => {
  conformance('without an Upgrade header answers 400 with an error body', session, async () => {
    const res = await ctx.client.raw('POST', '/session');
    expect(res.status).toBe(400);
    expectValid('ErrorResponse', res.json());
  });

  conformance('Upgrade: h2c answers 101, then the engine opens HTTP/2 as the client', session, async () => {
    const conn = await ctx.client.hijack('POST', '/session', {
      headers: {
        Upgrade: 'h2c',
        Connection: 'Upgrade',
        'X-Docker-Expose-Session-Uuid': randomUUID(),
        'X-Docker-Expose-Session-Name': `shipshape-${ctx.runId}`,
        'X-Docker-Expose-Session-Sharedkey': ctx.runId,
      },
      streamTimeoutMs: 15_000,
    });
    try {
      expect(conn.status).toBe(101);
      expect(conn.headers.upgrade?.toLowerCase()).toBe('h2c');
      let first = Buffer.alloc(0);
      for await (const chunk of conn.output) {
        first = Buffer.concat([first, chunk]);
        if (first.length >= H2_PREFACE.length) break;
      }
      expect(first.subarray(0, H2_PREFACE.length).toString('latin1')).toBe(H2_PREFACE);
    } finally {
      conn.socket.destroy();
    }
  });
});
