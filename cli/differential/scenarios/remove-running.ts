import type { Scenario } from '../model/types.js';
import { call, createContainer, sleeper } from './step.js';

export const removeRunning: Scenario = {
  name: 'remove-running',
  description: 'removing a running container without force (409)',
  steps: [
    createContainer('running', sleeper),
    call('start', 'POST', (ctx) => `/containers/${ctx.name('running')}/start`),
    call('remove', 'DELETE', (ctx) => `/containers/${ctx.name('running')}`),
  ],
};
