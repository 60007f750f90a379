import type { Scenario } from '../model/types.js';
import { call } from './step.js';

export const unknownContainer: Scenario = {
  name: 'unknown-container',
  description: 'inspect, start and remove a container that does not exist (404)',
  steps: [
    call('inspect', 'GET', (ctx) => `/containers/${ctx.name('absent')}/json`),
    call('start', 'POST', (ctx) => `/containers/${ctx.name('absent')}/start`),
    call('remove', 'DELETE', (ctx) => `/containers/${ctx.name('absent')}`),
  ],
};
