import { afterEach, describe, expect, it } from 'vitest';
import { EngineUnreachableError } from '../../errors.js';
import type { EngineEndpoint } from '../types.js';
import { describeRegistry } from './describe.js';
import { type FakeHandler, type FakeServer, reply, startFake } from './fake-server.js';
import { REGISTRY_URL, registryAnswers } from './real-registry.js';

const available = await registryAnswers();
const endpoint = (address: string): EngineEndpoint => ({
  name: 'registry',
  family: 'registry',
  address,
  source: 'test',
});
const fakes: FakeServer[] = [];

async function fake(handler: FakeHandler): Promise<FakeServer> {
  const server = await startFake(handler);
  fakes.push(server);
  return server;
}

afterEach(async () => {
  for (const server of fakes.splice(0)) await server.close();
});

describe('describeRegistry', () => {
  it.skipIf(!available)(
    `describes the real registry at ${REGISTRY_URL}: push and delete, no referrers`,
    async () => {
      const description = await describeRegistry(endpoint(REGISTRY_URL));
      expect(description).toMatchObject({
        name: 'registry',
        product: 'distribution',
        version: 'unknown',
        apiVersion: 'registry/2.0',
      });
      expect([...description.capabilities].sort()).toEqual(['registry.delete', 'registry.push']);
    },
  );

  it('reads capabilities from the probes: 405 UNSUPPORTED delete, a live referrers API, no push', async () => {
    const server = await fake((req, res) => {
      if (req.url === '/v2/') return reply(res, 200, {}, {});
      if (req.method === 'POST') return reply(res, 405, {}, { errors: [{ code: 'UNSUPPORTED' }] });
      if (req.method === 'DELETE')
        return reply(res, 405, {}, { errors: [{ code: 'UNSUPPORTED', message: 'off' }] });
      if (req.url.includes('/referrers/')) return reply(res, 200, {}, { schemaVersion: 2, manifests: [] });
      reply(res, 500);
    });
    const description = await describeRegistry(endpoint(server.url));
    expect(description).toMatchObject({
      product: 'registry',
      version: 'unknown',
      capabilities: ['registry.referrers'],
    });
    expect(description.apiVersion).toBeUndefined();
    expect(server.seen.map((r) => r.method)).toEqual(['GET', 'POST', 'DELETE', 'GET']);
    expect(server.seen[1]?.url).toMatch(/^\/v2\/shipshape-probe\/[0-9a-f]{12}\/blobs\/uploads\/$/);
  });

  it('cancels the upload session it opened to probe push', async () => {
    const server = await fake((req, res) => {
      if (req.method === 'POST') return reply(res, 202, { location: 'abc?_state=1' });
      if (req.method === 'DELETE' && req.url.includes('uploads/abc')) return reply(res, 204);
      reply(res, req.url === '/v2/' ? 200 : 404, {}, req.url === '/v2/' ? {} : 'not found');
    });
    const description = await describeRegistry(endpoint(server.url));
    expect(description.capabilities).toEqual(['registry.push']);
    expect(server.seen.map((r) => r.method)).toContain('DELETE');
    expect(server.seen.find((r) => r.url.includes('uploads/abc'))?.url).toMatch(
      /\/blobs\/uploads\/abc\?_state=1$/,
    );
  });

  it('throws EngineUnreachableError when nothing listens', async () => {
    const server = await startFake(() => {});
    await server.close();
    await expect(describeRegistry(endpoint(server.url), { timeoutMs: 1_000 })).rejects.toBeInstanceOf(
      EngineUnreachableError,
    );
  });

  it('throws EngineUnreachableError when /v2/ is not a distribution API', async () => {
    const server = await fake((_req, res) => reply(res, 404, {}, 'nope'));
    await expect(describeRegistry(endpoint(server.url))).rejects.toThrow(/GET \/v2\/ answered 404/);
  });
});
