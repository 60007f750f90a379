import { describe } from 'vitest';
import { conformance } from '../support/index.js';
import { suiteContext } from './support/index.js';
import { expectErrorBody, sendCall, skipUnlessOutsideSwarm, type UnavailableCall } from './swarm-fixtures.js';

// Swarm and Node operations on an engine that is not a swarm manager: 503 "node is not part of a swarm".
// Only reads and unknown ids: nothing here can change a swarm (no init, join, leave, update or unlock).

const ctx = suiteContext({ probe: false });

const CALLS: readonly UnavailableCall[] = [
  { op: 'SwarmInspect', method: 'GET', path: '/swarm' },
  { op: 'SwarmUnlockkey', method: 'GET', path: '/swarm/unlockkey' },
  { op: 'NodeList', method: 'GET', path: '/nodes' },
  { op: 'NodeInspect', method: 'GET', path: '/nodes/{missing}' },
  { op: 'NodeDelete', method: 'DELETE', path: '/nodes/{missing}' },
  { op: 'NodeUpdate', method: 'POST', path: '/nodes/{missing}/update?version=1', body: {} },
];

describe.each(CALLS)('$op outside a swarm', (call) => {
  const area = call.op.startsWith('Swarm') ? 'swarm' : 'nodes';
  conformance(
    'answers 503 with an error body',
    { tags: [area, 'errors'], requirements: [`docker-api:${call.op}`] },
    async (t) => {
      await skipUnlessOutsideSwarm(ctx, t);
      expectErrorBody(await sendCall(ctx, call), 503);
    },
  );
});
