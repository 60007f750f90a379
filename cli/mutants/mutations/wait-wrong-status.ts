import { containerAction } from '../route.js';
import { rewriteJson } from '../transforms.js';
import type { Mutation } from '../types.js';

export const waitWrongStatus: Mutation = {
  name: 'wait-wrong-status',
  description: 'POST /containers/{id}/wait answers StatusCode + 1 (the head still comes at once)',
  expectFailing: [
    'docker-api/containers-wait.test.ts > ContainerWait > returns the exit code once the container exits',
  ],
  transformBody: (req, head) =>
    containerAction(req, 'POST', 'wait') && head.status === 200
      ? rewriteJson((doc) => {
          const d = doc as { StatusCode?: number };
          return { ...d, StatusCode: (d.StatusCode ?? 0) + 1 };
        })
      : undefined,
};
