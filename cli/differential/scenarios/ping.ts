import type { Scenario } from '../model/types.js';
import { call } from './step.js';

/** Which headers /_ping sends (Date, Content-Length and per-request ids left out). */
export const ping: Scenario = {
  name: 'ping',
  description: 'GET /_ping: headers and body',
  steps: [
    call('ping', 'GET', '/_ping', {
      versioned: false,
      decode: 'headers',
      byValue: [
        '/body',
        '/headers/api-version',
        '/headers/ostype',
        '/headers/docker-experimental',
        '/headers/cache-control',
        '/headers/pragma',
        '/headers/content-type',
      ],
    }),
  ],
};
