import type { Scenario } from '../model/types.js';
import { call } from './step.js';

/** Same host, so host facts compare by value; counts and paths by type. */
export const info: Scenario = {
  name: 'info',
  description: 'GET /info',
  steps: [
    call('info', 'GET', '/info', {
      byValue: [
        '/OSType',
        '/Architecture',
        '/KernelVersion',
        '/NCPU',
        '/MemTotal',
        '/CgroupVersion',
        '/CgroupDriver',
        '/MemoryLimit',
        '/SwapLimit',
        '/IndexServerAddress',
      ],
    }),
  ],
};
