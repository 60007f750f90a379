import type { Mutation } from '../types.js';

export const createDropsEnv: Mutation = {
  name: 'create-drops-env',
  description: 'POST /containers/create silently drops Env from the request body',
  expectFailing: [
    'docker-api/containers-create-config.test.ts > ContainerCreate: Config seen from inside > Env adds to the image env and is what the process gets',
  ],
  rewriteRequestJson: (req, body) => {
    if (req.method !== 'POST' || req.route !== '/containers/create') return undefined;
    const { Env: _dropped, ...rest } = body as Record<string, unknown>;
    return _dropped === undefined ? undefined : rest;
  },
};
