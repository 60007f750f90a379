import { describeOutsideSwarm, type UnavailableCall } from './swarm-fixtures.js';

// Secret and Config operations are swarm-mode objects: outside a swarm, 503 with an error body.
// Only reads and unknown ids (no create).

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

describeOutsideSwarm(CALLS, (op) => (op.startsWith('Secret') ? 'secrets' : 'configs'));
