import { containerAction, isJson } from '../route.js';
import { rewriteJson } from '../transforms.js';
import type { Mutation } from '../types.js';

export const inspectDropsPid: Mutation = {
  name: 'inspect-drops-pid',
  description: 'GET /containers/{id}/json leaves State.Pid out',
  expectFailing: [
    'docker-api/containers-inspect.test.ts > ContainerInspect > a running container has a Pid and StartedAt',
    'docker-api/containers-inspect.test.ts > ContainerInspect > a created container has the documented shape',
  ],
  transformBody: (req, head) =>
    containerAction(req, 'GET', 'json') && head.status === 200 && isJson(head)
      ? rewriteJson((doc) => {
          const d = doc as { State?: Record<string, unknown> };
          if (d.State) delete d.State.Pid;
          return d;
        })
      : undefined,
};
