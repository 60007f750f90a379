import type { Scenario, ScenarioContext } from '../model/types.js';
import { call, createContainer } from './step.js';

const absent = (ctx: ScenarioContext) => `shipshape-diff/${ctx.token}-absent:none`;

export const unknownImage: Scenario = {
  name: 'unknown-image',
  description: 'create from, and inspect, an image that is not there (404, nothing pulled)',
  steps: [
    createContainer('orphan', (ctx) => ({ Image: absent(ctx), Cmd: ['true'] })),
    call('inspect', 'GET', (ctx) => `/images/${absent(ctx)}/json`),
  ],
};
