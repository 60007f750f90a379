import type { Scenario } from '../model/types.js';
import { createContainer, sleeper } from './step.js';

export const badRestartPolicy: Scenario = {
  name: 'bad-restart-policy',
  description: 'create with a restart policy that does not exist (400)',
  steps: [
    createContainer('restart', (ctx) => ({
      ...sleeper(ctx),
      HostConfig: { RestartPolicy: { Name: 'sometimes' } },
    })),
  ],
};
