import { Unavailable } from '../../errors.js';
import type { Routes } from '../http/app.js';

const NOT_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
const NOT_IN_SWARM = 'This node is not part of a swarm';

/** Every path of a swarm-mode area, with the methods the Engine API gives it. */
const AREAS: Array<{ methods: Array<'GET' | 'POST' | 'DELETE'>; path: string }> = [
  { methods: ['GET'], path: '/swarm' },
  { methods: ['GET'], path: '/swarm/unlockkey' },
  { methods: ['POST'], path: '/swarm/update' },
  { methods: ['POST'], path: '/swarm/unlock' },
  { methods: ['GET'], path: '/nodes' },
  { methods: ['GET', 'DELETE'], path: '/nodes/:id' },
  { methods: ['POST'], path: '/nodes/:id/update' },
  { methods: ['GET'], path: '/services' },
  { methods: ['POST'], path: '/services/create' },
  { methods: ['GET', 'DELETE'], path: '/services/:id' },
  { methods: ['POST'], path: '/services/:id/update' },
  { methods: ['GET'], path: '/services/:id/logs' },
  { methods: ['GET'], path: '/tasks' },
  { methods: ['GET'], path: '/tasks/:id' },
  { methods: ['GET'], path: '/tasks/:id/logs' },
  { methods: ['GET'], path: '/secrets' },
  { methods: ['POST'], path: '/secrets/create' },
  { methods: ['GET', 'DELETE'], path: '/secrets/:id' },
  { methods: ['POST'], path: '/secrets/:id/update' },
  { methods: ['GET'], path: '/configs' },
  { methods: ['POST'], path: '/configs/create' },
  { methods: ['GET', 'DELETE'], path: '/configs/:id' },
  { methods: ['POST'], path: '/configs/:id/update' },
];

/**
 * Swarm mode, as a dockerd outside any swarm answers it: 503 "not a swarm manager" everywhere; leave
 * says "not part of a swarm"; init and join are refused the same way (shipd has no swarm mode).
 */
export function registerSwarm(app: Routes): void {
  const refuse = (message: string) => async () => {
    throw new Unavailable(message);
  };
  for (const { methods, path } of AREAS) app.route(methods, path, {}, refuse(NOT_MANAGER));
  app.post('/swarm/leave', refuse(NOT_IN_SWARM));
  app.post('/swarm/init', refuse('shipd has no swarm mode: this node cannot become a swarm manager'));
  app.post('/swarm/join', refuse('shipd has no swarm mode: this node cannot join a swarm'));
}
