import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../../core/repo-root.js';
import { NON_OPERATION_IDS, operationOf, REQUIREMENTS } from './requirements.js';

// The requirement table itself, without an engine (a unit test: not run by conform, not packed): in step
// with swagger v1.41 (the spec copy beside a dev checkout) and with every test file.

const suitesDir = dirname(dirname(fileURLToPath(import.meta.url)));
const SWAGGER = join(repoRoot(), '..', 'shared', 'specs', 'docker-engine-api', 'swagger-v1.41.yaml');
const SWAGGER_ABSENT = `the swagger v1.41 copy is not beside this checkout (${SWAGGER}): checked on a dev machine only`;

/** `operationId method path` of each operation in the swagger, read line by line (paths, then verbs). */
function swaggerOperations(text: string): { id: string; method: string; path: string }[] {
  const out: { id: string; method: string; path: string }[] = [];
  let inPaths = false;
  let path = '';
  let method = '';
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p?.[1]) path = p[1];
    const m = /^ {4}(get|head|post|put|delete):\s*$/.exec(line);
    if (m?.[1]) method = m[1].toUpperCase();
    const o = /^ {6}operationId:\s*"?([A-Za-z]+)"?\s*$/.exec(line);
    if (o?.[1]) out.push({ id: o[1], method, path });
  }
  return out;
}

/**
 * The docker-api requirement ids a test source names: literal `docker-api:X` strings, and where the
 * file builds them (`docker-api:${op}`), the operation names it passes (`op: 'X'`, `req('X'`).
 */
function namedRequirementIds(source: string): string[] {
  const ids = [...source.matchAll(/docker-api:([A-Za-z][A-Za-z.]*)/g)].map((m) => `docker-api:${m[1]}`);
  if (source.includes('`docker-api:${')) {
    for (const m of source.matchAll(/(?:\bop: |\breq\()'([A-Za-z]+)'/g)) ids.push(`docker-api:${m[1]}`);
  }
  return [...new Set(ids)];
}

const testFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.unit.test.ts'))
        .map((f) => join(dir, f))
    : [];

describe('requirement table', () => {
  test('has unique ids, levels OPERATION or EXCLUDED, and a reason for each exclusion', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of REQUIREMENTS) {
      expect(row.id).toMatch(/^docker-api:[A-Z][A-Za-z]+$/);
      expect(['OPERATION', 'EXCLUDED']).toContain(row.level);
      expect(row.level === 'EXCLUDED').toBe(row.excludedBecause !== undefined);
    }
    expect(REQUIREMENTS.filter((r) => r.area === 'swarm').every((r) => r.level === 'EXCLUDED')).toBe(true);
  });

  test('names every docker-api requirement the docker-api and lifecycle tests use', () => {
    const files = [...testFiles(join(suitesDir, 'docker-api')), ...testFiles(join(suitesDir, 'lifecycle'))];
    expect(files.length).toBeGreaterThan(10);
    const unknown = files.flatMap((file) =>
      namedRequirementIds(readFileSync(file, 'utf8'))
        .filter((id) => !NON_OPERATION_IDS.includes(id) && operationOf(id) === undefined)
        .map((id) => `${file}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test('holds each operationId of swagger v1.41 exactly once, with its method and path', (ctx) => {
    if (!existsSync(SWAGGER)) ctx.skip(SWAGGER_ABSENT);
    const swagger = swaggerOperations(readFileSync(SWAGGER, 'utf8'));
    expect(swagger.length).toBeGreaterThan(100);
    const table = REQUIREMENTS.map((r) => ({
      id: r.id.slice('docker-api:'.length),
      method: r.method,
      path: r.path,
    }));
    expect(table).toEqual(swagger);
  });
});

describe('source parsing', () => {
  test('finds literal and built requirement ids', () => {
    const built = ['`docker-api:$', '{op}`'].join('');
    const src = `requirements: ['docker-api:ImageTag', 'docker-api:SystemInfo.X'], x: ${built}, op: 'VolumeList'`;
    expect(namedRequirementIds(src)).toEqual([
      'docker-api:ImageTag',
      'docker-api:SystemInfo.X',
      'docker-api:VolumeList',
    ]);
    expect(operationOf('docker-api:SystemInfo.X')?.id).toBe('docker-api:SystemInfo');
    expect(operationOf('docker-api:Nope')).toBeUndefined();
  });

  test('reads operationId, verb and path from swagger paths', () => {
    const yaml =
      'definitions:\n  X:\n    operationId: "Nope"\npaths:\n  /a/{id}:\n    get:\n      operationId: "AGet"\n    post:\n      summary: x\n      operationId: "APost"\ntags: []\n';
    expect(swaggerOperations(yaml)).toEqual([
      { id: 'AGet', method: 'GET', path: '/a/{id}' },
      { id: 'APost', method: 'POST', path: '/a/{id}' },
    ]);
  });
});
