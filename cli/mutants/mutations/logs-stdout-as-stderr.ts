import { containerAction } from '../route.js';
import { relabelFrames } from '../transforms.js';
import type { Mutation } from '../types.js';

export const logsStdoutAsStderr: Mutation = {
  name: 'logs-stdout-as-stderr',
  description: 'GET /containers/{id}/logs labels stdout frames as stderr (stream type byte 1 -> 2)',
  expectFailing: [
    'docker-api/protocol-streams.test.ts > log stream framing > without a TTY the body is 8-byte-header frames, stdout 1 and stderr 2',
    'docker-api/containers-logs.test.ts > ContainerLogs > keeps stdout and stderr apart',
  ],
  transformBody: (req, head) =>
    containerAction(req, 'GET', 'logs') && head.status === 200 ? relabelFrames(1, 2) : undefined,
};
