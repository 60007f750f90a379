import { dropJsonLines } from '../transforms.js';
import type { Mutation } from '../types.js';

const replay = 'docker-api/system-events.test.ts > SystemEvents: replay of our container';

export const eventsDropDie: Mutation = {
  name: 'events-drop-die',
  description: 'GET /events leaves out every die event',
  expectFailing: [
    `${replay} > create, start, die, destroy come in that order`,
    `${replay} > die carries the exit code`,
    'docker-api/system-events.test.ts > SystemEvents: filters > event=die gives only die',
  ],
  transformBody: (req, head) =>
    req.method === 'GET' && req.route === '/events' && head.status === 200
      ? dropJsonLines((doc) => {
          const d = doc as { Action?: unknown; status?: unknown };
          return d.Action === 'die' || d.status === 'die';
        })
      : undefined,
};
