import type { FastifyInstance, FastifyReply } from 'fastify';

/** GET and HEAD /_ping: `OK`, never cached (the version headers come from the server's edge). */
export function registerSystemPing(app: FastifyInstance): void {
  const ping = (reply: FastifyReply, body: string) =>
    reply
      .header('Cache-Control', 'no-cache, no-store, must-revalidate')
      .header('Pragma', 'no-cache')
      .type('text/plain; charset=utf-8')
      .send(body);
  app.get('/_ping', async (_req, reply) => ping(reply, 'OK'));
  app.head('/_ping', async (_req, reply) => ping(reply.header('Content-Length', '0'), ''));
}
