import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/**
 * Takes a request that asked for `Connection: Upgrade` (Docker's `Upgrade: tcp` hijack, or a
 * websocket) with its URL already stripped of the version prefix. Returns false when it does not
 * serve that path: the server then routes it as a plain request.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

const handlers = new WeakMap<FastifyInstance, UpgradeHandler>();

/** The hook point for daemon/streams/hijack-routes.ts: one upgrade handler per server. */
export function setUpgradeHandler(app: FastifyInstance, handler: UpgradeHandler): void {
  handlers.set(app, handler);
}

export function upgradeHandlerOf(app: FastifyInstance): UpgradeHandler | undefined {
  return handlers.get(app);
}
