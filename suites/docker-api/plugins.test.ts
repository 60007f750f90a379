import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValidList } from './schemas/index.js';
import { suiteContext } from './support/index.js';
import { expectErrorBody, sendCall, type UnavailableCall } from './swarm-fixtures.js';

// Plugins without installing any: the list follows the Plugin schema, and an unknown plugin answers 404.
// No pull, create or upgrade of a real plugin: those change the daemon for everyone.

const ctx = suiteContext({ probe: false });
const tags = ['plugins'];

describe('PluginList', () => {
  conformance(
    'answers 200 with an array of Plugin',
    { tags, requirements: ['docker-api:PluginList'] },
    async () => {
      const res = await ctx.client.raw('GET', '/plugins');
      expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status: 200 });
      const plugins = res.json();
      expect(Array.isArray(plugins)).toBe(true);
      expectValidList('Plugin', plugins as unknown[]);
    },
  );

  conformance(
    'a filter no plugin matches gives an empty array',
    { tags, requirements: ['docker-api:PluginList'] },
    async () => {
      const filters = JSON.stringify({ capability: [`shipshape-${ctx.runId}`] });
      const res = await ctx.client.raw('GET', '/plugins', { query: { filters } });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual([]);
    },
  );
});

const UNKNOWN: readonly UnavailableCall[] = [
  { op: 'PluginInspect', method: 'GET', path: '/plugins/{missing}/json' },
  { op: 'PluginDelete', method: 'DELETE', path: '/plugins/{missing}' },
  { op: 'PluginEnable', method: 'POST', path: '/plugins/{missing}/enable?timeout=0' },
  { op: 'PluginDisable', method: 'POST', path: '/plugins/{missing}/disable' },
  { op: 'PluginSet', method: 'POST', path: '/plugins/{missing}/set', body: ['DEBUG=1'] },
  { op: 'PluginPush', method: 'POST', path: '/plugins/{missing}/push' },
  {
    op: 'PluginUpgrade',
    method: 'POST',
    path: '/plugins/{missing}/upgrade?remote=127.0.0.1:5000/shipshape-docker-api/no-plugin:latest',
    body: [],
  },
];

describe.each(UNKNOWN)('$op of an unknown plugin', (call) => {
  conformance(
    'answers 404 with an error body naming it',
    { tags: [...tags, 'errors'], requirements: [`docker-api:${call.op}`] },
    async () => {
      const message = expectErrorBody(await sendCall(ctx, call), 404);
      expect(message).toContain(`ss${ctx.runId}missing`);
    },
  );
});
