import { describeOutsideSwarm, type UnavailableCall } from './swarm-fixtures.js';

// Service and Task operations on an engine that is not a swarm manager: 503 with an error body.
// Only reads and unknown ids (no ServiceCreate).

const CALLS: readonly UnavailableCall[] = [
  { op: 'ServiceList', method: 'GET', path: '/services' },
  { op: 'ServiceInspect', method: 'GET', path: '/services/{missing}' },
  { op: 'ServiceDelete', method: 'DELETE', path: '/services/{missing}' },
  { op: 'ServiceUpdate', method: 'POST', path: '/services/{missing}/update?version=1', body: {} },
  { op: 'ServiceLogs', method: 'GET', path: '/services/{missing}/logs?stdout=1' },
  { op: 'TaskList', method: 'GET', path: '/tasks' },
  { op: 'TaskInspect', method: 'GET', path: '/tasks/{missing}' },
  { op: 'TaskLogs', method: 'GET', path: '/tasks/{missing}/logs?stdout=1' },
];

describeOutsideSwarm(CALLS, (op) => (op.startsWith('Service') ? 'services' : 'tasks'));
