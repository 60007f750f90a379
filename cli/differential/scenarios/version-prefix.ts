import type { Scenario } from '../model/types.js';
import { call } from './step.js';

export const versionPrefix: Scenario = {
  name: 'version-prefix',
  description: 'API version prefixes the engine cannot speak (/v99.99 too new, /v1.0 too old: 400)',
  steps: [
    call('too-new', 'GET', '/v99.99/version', { versioned: false }),
    call('too-old', 'GET', '/v1.0/version', { versioned: false }),
  ],
};
