import { containerAction } from '../route.js';
import type { Mutation } from '../types.js';

export const startNoop204: Mutation = {
  name: 'start-noop-204',
  description: 'POST /containers/{id}/start of a running container answers 204 instead of 304',
  expectFailing: [
    'docker-api/protocol-errors.test.ts > 304 for no-op state changes > start of a running container answers 304',
  ],
  rewriteHead: (req, head) =>
    containerAction(req, 'POST', 'start') && head.status === 304 ? { ...head, status: 204 } : undefined,
};
