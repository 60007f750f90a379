import { describe, expect, it } from 'vitest';
import { registryAuthHeader } from './image-transfer.js';

describe('registryAuthHeader', () => {
  it('is base64url with padding, as Docker clients send it', () => {
    expect(registryAuthHeader()).toEqual({ 'X-Registry-Auth': 'e30=' });
    const h = registryAuthHeader({ username: 'a?>', password: 'b' })['X-Registry-Auth'] as string;
    expect(h).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(h.length % 4).toBe(0);
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ username: 'a?>', password: 'b' });
  });
});
