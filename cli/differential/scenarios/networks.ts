import type { Scenario } from '../model/types.js';
import { call } from './step.js';

const BUILTIN = ['bridge', 'none', 'host', 'podman'];
const VALUES = ['/Name', '/Driver', '/Scope', '/EnableIPv6', '/Internal', '/Attachable', '/Ingress'];

/** The built-in networks every Docker-API engine is expected to answer for. */
export const networks: Scenario = {
  name: 'networks',
  description: 'network list, inspect of bridge and none',
  steps: [
    call('list', 'GET', '/networks', {
      query: { filters: { name: ['bridge', 'none'] } },
      byValue: VALUES.map((v) => `/*${v}`),
      keyed: [{ path: '', key: 'Name' }],
      maps: ['/*/Containers'],
      select: (body) => (Array.isArray(body) ? body.filter((n) => BUILTIN.includes(n?.Name)) : body),
    }),
    call('inspect-bridge', 'GET', '/networks/bridge', { byValue: VALUES, maps: ['/Containers'] }),
    call('inspect-none', 'GET', '/networks/none', { byValue: VALUES, maps: ['/Containers'] }),
  ],
};
