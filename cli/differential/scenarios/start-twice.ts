import type { Scenario } from '../model/types.js';
import { call, createContainer, sleeper } from './step.js';

export const startTwice: Scenario = {
  name: 'start-twice',
  description: 'starting a running container again (304, no body)',
  steps: [
    createContainer('twice', sleeper),
    call('start', 'POST', (ctx) => `/containers/${ctx.name('twice')}/start`),
    call('start-again', 'POST', (ctx) => `/containers/${ctx.name('twice')}/start`),
  ],
};
