import { isJson } from '../route.js';
import { rewriteJson } from '../transforms.js';
import type { Mutation } from '../types.js';

/** The id of the protocol-errors test that checks the 404 of `op`. */
const notFound = (op: string) =>
  `docker-api/protocol-errors.test.ts > 404 for unknown objects > '${op}' > answers 404 with an error body`;

export const errorBodyNoMessage: Mutation = {
  name: 'error-body-no-message',
  description: 'a 404 answers with {"error": …} instead of the ErrorResponse {"message": …}',
  expectFailing: [
    notFound('ContainerInspect'),
    notFound('ContainerKill'),
    notFound('VolumeInspect'),
    notFound('NetworkInspect'),
    'docker-api/protocol-versions.test.ts > API version prefix > an unknown path answers 404 with an error body',
  ],
  transformBody: (_req, head) =>
    head.status === 404 && isJson(head)
      ? rewriteJson((doc) => {
          const { message, ...rest } = doc as { message?: unknown };
          return { ...rest, error: message };
        })
      : undefined,
};
