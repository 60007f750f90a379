import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const tags = ['protocol', 'versions'];
const req = { tags, requirements: ['docker-api:SystemVersion', 'docker-api:ContainerList'] };

const get = (path: string) => ctx.client.raw('GET', path, { versioned: false });

describe('API version prefix', () => {
  conformance('/v1.41 works', req, async () => {
    expect((await get('/v1.41/containers/json')).status).toBe(200);
  });

  conformance('no prefix is served as the current version', req, async () => {
    const res = await get('/containers/json');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json())).toBe(true);
  });

  conformance('an older supported version (/v1.40) works', req, async () => {
    expect((await get('/v1.40/containers/json')).status).toBe(200);
  });

  conformance('/_ping names the API version in the Api-Version header', req, async () => {
    const res = await get('/_ping');
    expect(res.status).toBe(200);
    expect(res.text()).toBe('OK');
    expect(res.header('api-version')).toMatch(/^\d+\.\d+$/);
  });

  describe.each(['/v99.0', '/v2'])('a version above the maximum (%s)', (prefix) => {
    conformance('answers 400 naming the maximum', req, async () => {
      const res = await get(`${prefix}/version`);
      expect(res.status).toBe(400);
      expect(res.text()).toMatch(/too new/i);
    });
  });

  describe.each(['/v1.11', '/v1.0'])('a version below the minimum (%s)', (prefix) => {
    conformance('answers 400 naming the minimum', req, async () => {
      const res = await get(`${prefix}/version`);
      expect(res.status).toBe(400);
      expect(res.text()).toMatch(/too old/i);
    });
  });

  conformance('the minimum version itself is accepted', req, async () => {
    const version = (await get('/version')).json() as { MinAPIVersion?: string };
    expect(version.MinAPIVersion).toMatch(/^\d+\.\d+$/);
    expect((await get(`/v${version.MinAPIVersion}/version`)).status).toBe(200);
  });

  conformance('an unknown path answers 404 with an error body', req, async () => {
    const res = await get('/v1.41/no-such-endpoint');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ message: expect.any(String) });
  });
});
