import type { Scenario, ScenarioContext } from '../model/types.js';
import { call } from './step.js';

const VALUES = ['/Name', '/Driver', '/Labels', '/Options', '/Scope'];
const volume = (ctx: ScenarioContext) => ctx.name('vol');

export const volumes: Scenario = {
  name: 'volumes',
  description: 'volume create, inspect, list (filtered by name) and remove',
  steps: [
    call('create', 'POST', '/volumes/create', {
      body: (ctx) => {
        ctx.track({ kind: 'volume', name: volume(ctx) });
        return { Name: volume(ctx), Labels: { 'org.shipshape.diff.run': ctx.token } };
      },
      byValue: VALUES,
    }),
    call('inspect', 'GET', (ctx) => `/volumes/${volume(ctx)}`, { byValue: VALUES }),
    call('list', 'GET', '/volumes', {
      query: (ctx) => ({ filters: { name: [volume(ctx)] } }),
      byValue: VALUES.map((v) => `/Volumes/*${v}`),
      keyed: [{ path: '/Volumes', key: 'Name' }],
    }),
    call('remove', 'DELETE', (ctx) => `/volumes/${volume(ctx)}`),
  ],
};
