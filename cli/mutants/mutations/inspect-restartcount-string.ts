import { containerAction, isJson } from '../route.js';
import { rewriteJson } from '../transforms.js';
import type { Mutation } from '../types.js';

export const inspectRestartCountString: Mutation = {
  name: 'inspect-restartcount-string',
  description: 'GET /containers/{id}/json gives RestartCount as a string ("0") instead of an integer',
  expectFailing: [
    'docker-api/containers-inspect.test.ts > ContainerInspect > a created container has the documented shape',
  ],
  transformBody: (req, head) =>
    containerAction(req, 'GET', 'json') && head.status === 200 && isJson(head)
      ? rewriteJson((doc) => {
          const d = doc as { RestartCount?: unknown };
          return { ...d, RestartCount: String(d.RestartCount ?? 0) };
        })
      : undefined,
};
