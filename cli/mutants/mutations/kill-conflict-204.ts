import { containerAction } from '../route.js';
import type { Mutation } from '../types.js';

export const killConflict204: Mutation = {
  name: 'kill-conflict-204',
  description: 'POST /containers/{id}/kill of a container that is not running answers 204 instead of 409',
  expectFailing: ['docker-api/protocol-errors.test.ts > 409 for conflicts > kill of a stopped container'],
  rewriteHead: (req, head) =>
    containerAction(req, 'POST', 'kill') && head.status === 409 ? { status: 204, headers: [] } : undefined,
};
