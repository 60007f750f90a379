import type { Scenario } from '../model/types.js';
import { call } from './step.js';

export const version: Scenario = {
  name: 'version',
  description: 'GET /version',
  steps: [
    call('version', 'GET', '/version', {
      byValue: ['/ApiVersion', '/MinAPIVersion', '/Os', '/Arch', '/KernelVersion'],
      keyed: [{ path: '/Components', key: 'Name' }],
    }),
  ],
};
