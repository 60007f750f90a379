import type { Reply, Routes } from '../http/app.js';

/** GET and HEAD /_ping: `OK`, never cached (the version headers come from the server's edge). */
export function registerSystemPing(app: Routes): void {
  const ping = (reply: Reply, body: string) =>
    reply
      .header('Cache-Control', 'no-cache, no-store, must-revalidate')
      .header('Pragma', 'no-cache')
      .type('text/plain; charset=utf-8')
      .send(body);
  app.get('/_ping', async (_req, reply) => ping(reply, 'OK'));
  app.head('/_ping', async (_req, reply) => ping(reply.header('Content-Length', '0'), ''));
}
