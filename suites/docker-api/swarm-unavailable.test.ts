import { describeOutsideSwarm, type UnavailableCall } from './swarm-fixtures.js';

// Swarm and Node operations on an engine that is not a swarm manager: 503 "node is not part of a swarm".
// Only reads and unknown ids: nothing here can change a swarm (no init, join, leave, update or unlock).

const CALLS: readonly UnavailableCall[] = [
  { op: 'SwarmInspect', method: 'GET', path: '/swarm' },
  { op: 'SwarmUnlockkey', method: 'GET', path: '/swarm/unlockkey' },
  { op: 'NodeList', method: 'GET', path: '/nodes' },
  { op: 'NodeInspect', method: 'GET', path: '/nodes/{missing}' },
  { op: 'NodeDelete', method: 'DELETE', path: '/nodes/{missing}' },
  { op: 'NodeUpdate', method: 'POST', path: '/nodes/{missing}/update?version=1', body: {} },
];

describeOutsideSwarm(CALLS, (op) => (op.startsWith('Swarm') ? 'swarm' : 'nodes'));
