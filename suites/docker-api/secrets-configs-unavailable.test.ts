import { describe } from 'vitest';
import { conformance } from '../support/index.js';
import { suiteContext } from './support/index.js';
import { expectErrorBody, sendCall, skipUnlessOutsideSwarm, type UnavailableCall } from './swarm-fixtures.js';

// Secret and Config operations are swarm-mode objects: outside a swarm, 503 with an error body.
// Only reads and unknown ids (no create).

const ctx = suiteContext({ probe: false });

const CALLS: readonly UnavailableCall[] = [
  { op: 'SecretList', method: 'GET', path: '/secrets' },
  { op: 'SecretInspect', method: 'GET', path: '/secrets/{missing}' },
  { op: 'SecretDelete', method: 'DELETE', path: '/secrets/{missing}' },
  { op: 'SecretUpdate', method: 'POST', path: '/secrets/{missing}/update?version=1', body: {} },
  { op: 'ConfigList', method: 'GET', path: '/configs' },
  { op: 'ConfigInspect', method: 'GET', path: '/configs/{missing}' },
  { op: 'ConfigDelete', method: 'DELETE', path: '/configs/{missing}' },
  { op: 'ConfigUpdate', method: 'POST', path: '/configs/{missing}/update?version=1', body: {} },
];

describe.each(CALLS)('$op outside a swarm', (call) => {
  const area = call.op.startsWith('Secret') ? 'secrets' : 'configs';
  conformance(
    'answers 503 with an error body',
    { tags: [area, 'errors'], requirements: [`docker-api:${call.op}`] },
    async (t) => {
      await skipUnlessOutsideSwarm(ctx, t);
      expectErrorBody(await sendCall(ctx, call), 503);
    },
  );
});
