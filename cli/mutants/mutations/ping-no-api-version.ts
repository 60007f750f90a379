import { withoutHeaders } from '../route.js';
import type { Mutation } from '../types.js';

export const pingNoApiVersion: Mutation = {
  name: 'ping-no-api-version',
  description: '/_ping (GET and HEAD) answers without the API-Version header',
  expectFailing: [
    'docker-api/system-ping.test.ts > GET /_ping > API-Version names the highest version served (major.minor)',
    'docker-api/system-ping.test.ts > HEAD /_ping > API-Version names the highest version served (major.minor)',
    'docker-api/protocol-versions.test.ts > API version prefix > /_ping names the API version in the Api-Version header',
  ],
  rewriteHead: (req, head) => (req.route === '/_ping' ? withoutHeaders(head, 'api-version') : undefined),
};
