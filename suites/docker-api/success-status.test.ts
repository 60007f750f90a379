import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import { SUCCESS_ROWS, type SuccessCall, type SuccessRow } from './success-statuses.js';
import { type SuiteContext, suiteContext } from './support/index.js';

// The success status of every operation the suite exercises, as swagger v1.41 documents it: one check per
// operation, driven by the table in success-statuses.ts, so no engine passes with the wrong success code.
// success-statuses.unit.test.ts keeps the table in step with the requirement table and the swagger.

const ctx = suiteContext();
const TIMEOUT_MS = 90_000;
const BODY_SHOWN = 300;

/** The path template with its `{name}` parts filled (escaped as Docker clients do, keeping `/` and `:`). */
export function fillPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/g, '@');
  });
}

/** Sends the row's call; the status and the start of the body. A hijacking call is read off the raw connection. */
async function send(
  c: SuiteContext,
  row: SuccessRow,
  call: SuccessCall,
): Promise<{ status: number; body: string }> {
  const path = fillPath(row.path, call.params);
  if (call.upgrade !== undefined) {
    const headers = { Connection: 'Upgrade', Upgrade: call.upgrade, ...call.headers };
    try {
      const conn = await c.client.hijack(row.method, path, {
        query: call.query,
        headers,
        body: call.body,
        streamTimeoutMs: 10_000,
      });
      conn.socket.destroy();
      return { status: conn.status, body: '' };
    } catch (err) {
      if (err instanceof EngineError) return { status: err.status, body: err.engineMessage };
      throw err;
    }
  }
  const res = await c.client.rawStream(row.method, path, {
    query: call.query,
    body: call.body,
    headers: call.headers,
    timeoutMs: 60_000,
    streamTimeoutMs: 60_000,
  });
  const shown: Buffer[] = [];
  let kept = 0;
  for await (const chunk of res.body) {
    if (kept < BODY_SHOWN) shown.push(chunk as Buffer);
    kept += (chunk as Buffer).length;
  }
  return { status: res.status, body: Buffer.concat(shown).toString('utf8').slice(0, BODY_SHOWN) };
}

describe('success status (swagger v1.41)', () => {
  for (const row of SUCCESS_ROWS) {
    conformance(
      `${row.op}: ${row.method} ${row.path} answers ${row.status}`,
      {
        tags: ['status'],
        requirements: [`docker-api:${row.op}`],
        needs: row.needs ?? [],
        timeout: TIMEOUT_MS,
      },
      async (t) => {
        const call = (await row.setup?.(ctx, t)) ?? {};
        const answer = await send(ctx, row, call);
        expect(answer, `${row.op} (swagger v1.41 documents ${row.status})`).toMatchObject({
          status: row.status,
        });
      },
    );
  }
});

describe('path templates', () => {
  const opts = { tags: ['requirements'], requirements: [] };

  conformance('fills a path template, escaping values as Docker clients do', opts, () => {
    expect(fillPath('/images/{name}/tag', { name: 'a/b:c' })).toBe('/images/a/b:c/tag');
    expect(fillPath('/x/{id}', { id: 'a b' })).toBe('/x/a%20b');
    expect(() => fillPath('/x/{id}')).toThrow(/no value for \{id\}/);
  });
});
