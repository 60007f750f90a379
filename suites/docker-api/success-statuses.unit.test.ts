import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../../core/repo-root.js';
import { REQUIREMENTS } from './requirements.js';
import { SUCCESS_ROWS } from './success-statuses.js';

// The success-status table itself, without an engine (a unit test: not run by conform, not packed): one
// row per operation of the requirement table, each a success status swagger v1.41 documents (checked
// against the spec copy beside a dev checkout). success-status.test.ts sends the calls to an engine.

const SWAGGER = join(repoRoot(), '..', 'shared', 'specs', 'docker-engine-api', 'swagger-v1.41.yaml');
const SWAGGER_ABSENT = `the swagger v1.41 copy is not beside this checkout (${SWAGGER}): checked on a dev machine only`;

/** The response codes of each operationId in the swagger, read line by line (paths, verbs, responses). */
export function swaggerResponses(text: string): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  let inPaths = false;
  let op: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    if (/^ {2}\S/.test(line) || /^ {4}\S/.test(line)) op = undefined;
    const id = /^ {6}operationId:\s*"?([A-Za-z]+)"?\s*$/.exec(line)?.[1];
    if (id !== undefined) {
      op = id;
      codes.set(id, []);
    }
    const code = /^ {8}"?(\d{3})"?:/.exec(line)?.[1];
    if (code !== undefined && op !== undefined) codes.get(op)?.push(code);
  }
  return codes;
}

describe('the success-status table', () => {
  test('holds every OPERATION of the requirement table once, with its method and path', () => {
    const operations = REQUIREMENTS.filter((r) => r.level === 'OPERATION').map((r) => ({
      op: r.id.slice('docker-api:'.length),
      method: r.method,
      path: r.path,
    }));
    expect(SUCCESS_ROWS.map(({ op, method, path }) => ({ op, method, path }))).toEqual(operations);
  });

  test('each status is a success status the swagger documents for that operation', (t) => {
    if (!existsSync(SWAGGER)) t.skip(SWAGGER_ABSENT);
    const documented = swaggerResponses(readFileSync(SWAGGER, 'utf8'));
    const wrong = SUCCESS_ROWS.filter((row) => {
      const codes = documented.get(row.op) ?? [];
      const success = row.status === 101 || (row.status >= 200 && row.status < 300);
      return !success || !codes.includes(String(row.status));
    }).map((row) => `${row.op} ${row.status} (documented: ${documented.get(row.op)?.join(',')})`);
    expect(wrong).toEqual([]);
  });

  test('reads the response codes of each operationId', () => {
    const yaml =
      'paths:\n  /a:\n    post:\n      operationId: "APost"\n      responses:\n        201:\n          description: x\n        "404":\n          description: y\n    get:\n      operationId: "AGet"\n      responses:\n        200:\n          description: z\ndefinitions: {}\n';
    expect(Object.fromEntries(swaggerResponses(yaml))).toEqual({ APost: ['201', '404'], AGet: ['200'] });
  });
});
