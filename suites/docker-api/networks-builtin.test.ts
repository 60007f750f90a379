import { beforeAll, describe, expect } from 'vitest';
import type { Network } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const opts = {
  tags: ['networks'],
  requirements: ['docker-api:NetworkList', 'docker-api:NetworkInspect'],
  needs: ['networks' as const],
};
const BUILTIN = [
  { name: 'bridge', driver: 'bridge' },
  { name: 'host', driver: 'host' },
  { name: 'none', driver: 'null' },
];
let listed: Network[] = [];

beforeAll(async () => {
  listed = await ctx.client.networks.list();
});

describe.each(BUILTIN)('predefined network $name', ({ name, driver }) => {
  conformance('is listed', opts, () => {
    expect(listed.some((n) => n.Name === name)).toBe(true);
  });
  conformance(`has Driver ${driver} and Scope local`, opts, async () => {
    const inspect = await ctx.client.networks.inspect(name);
    expect([inspect.Driver, inspect.Scope]).toEqual([driver, 'local']);
  });
  conformance('inspect follows the Network schema', opts, async () => {
    expectValid('Network', await ctx.client.networks.inspect(name));
  });
});
