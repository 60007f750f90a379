import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { LOCAL_REGISTRY, skipWithoutRegistry } from './registry-fixtures.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

// SystemAuth: the engine checks credentials against a registry (the local one needs none).

const ctx = suiteContext({ probe: false });
const auth = { tags: ['system', 'auth'], requirements: ['docker-api:SystemAuth'] };

const login = (body: Record<string, string>) => ctx.client.raw('POST', '/auth', { body });

describe('SystemAuth', () => {
  conformance('a registry without auth accepts the login: 200 with a Status', auth, async (t) => {
    await skipWithoutRegistry(t);
    const res = await login({ serveraddress: LOCAL_REGISTRY, username: 'shipshape', password: ctx.runId });
    expect({ status: res.status, body: res.text().slice(0, 300) }).toMatchObject({ status: 200 });
    expectValid('SystemAuthResponse', res.json());
    expect((res.json() as { Status: string }).Status).toMatch(/succeeded/i);
  });

  conformance('an address where no registry listens answers an error naming it', auth, async () => {
    const res = await login({ serveraddress: '127.0.0.1:1', username: 'shipshape', password: 'x' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectValid('ErrorResponse', res.json());
    expect((res.json() as { message: string }).message).toContain('127.0.0.1:1');
  });
});
