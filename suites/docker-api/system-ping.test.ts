import { beforeAll, describe, expect } from 'vitest';
import type { RawResponse } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const METHODS = [
  { method: 'GET', op: 'SystemPing' },
  { method: 'HEAD', op: 'SystemPingHead' },
] as const;
const answers = new Map<string, RawResponse>();

beforeAll(async () => {
  for (const { method } of METHODS)
    answers.set(method, await ctx.client.raw(method, '/_ping', { versioned: false }));
});

for (const { method, op } of METHODS) {
  describe(`${method} /_ping`, () => {
    const opts = { tags: ['system', 'ping'], requirements: [`docker-api:${op}`] };
    const res = () => answers.get(method) as RawResponse;

    conformance('answers 200', opts, () => {
      expect(res().status).toBe(200);
    });
    conformance(method === 'GET' ? 'the body is OK' : 'the body is empty', opts, () => {
      expect(res().text()).toBe(method === 'GET' ? 'OK' : '');
    });
    conformance('API-Version names the highest version served (major.minor)', opts, () => {
      expect(res().header('api-version')).toMatch(/^1\.\d+$/);
    });
    conformance('Docker-Experimental is a boolean', opts, () => {
      expect(res().header('docker-experimental')).toMatch(/^(true|false)$/);
    });
    conformance('Cache-Control is no-cache, no-store, must-revalidate', opts, () => {
      expect(res().header('cache-control')).toBe('no-cache, no-store, must-revalidate');
    });
    conformance('Pragma is no-cache', opts, () => {
      expect(res().header('pragma')).toBe('no-cache');
    });
    conformance('OSType names the engine OS', opts, async () => {
      const info = await ctx.client.info();
      expect(res().header('ostype')).toBe(info.OSType);
    });
  });
}

describe('versioned /_ping', () => {
  conformance(
    '/v1.41/_ping answers like /_ping',
    { tags: ['system', 'ping'], requirements: ['docker-api:SystemPing'] },
    async () => {
      const res = await ctx.client.raw('GET', '/_ping');
      expect(res.status).toBe(200);
      expect(res.text()).toBe('OK');
      expect(res.header('api-version')).toBe(answers.get('GET')?.header('api-version'));
    },
  );
});
