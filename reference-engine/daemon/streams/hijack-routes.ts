import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpStatusOf, InvalidArgument } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Reply, Request, Routes } from '../http/app.js';
import { lenientJsonBody } from '../http/body-parsers.js';
import { errorReply } from '../http/error-reply.js';
import type { Query } from '../http/query.js';
import { attachHandler } from './attach-stream.js';
import type { HijackHandler, HijackPlan } from './hijack-types.js';
import { httpAnswer, RAW_OK_HEAD, UPGRADED_HEAD } from './http-heads.js';
import { RouteTable } from './route-table.js';
import { closeSocket, streamOnSocket } from './socket-stream.js';
import { readUpgradeBody } from './upgrade-body.js';

/** A hijacked endpoint: its handler and how the connection is taken over. */
export interface HijackRoute {
  readonly handler: HijackHandler;
  /** `raw`: 101 UPGRADED (or 200 raw-stream); `websocket`: an RFC 6455 handshake. */
  readonly transport: 'raw' | 'websocket';
}

/** Exec start's code (the exec process and its stdio), loaded on the first exec start: not idle memory. */
const execStartHandler: HijackHandler = async (ctx, call) =>
  (await import('./exec-start-stream.js')).execStartHandler(ctx, call);

/** The endpoints whose connections are taken over (paths unversioned, as the server strips them). */
export const HIJACK_ROUTES = new RouteTable<HijackRoute>()
  .add('POST', '/containers/:id/attach', { handler: attachHandler, transport: 'raw' })
  .add('GET', '/containers/:id/attach/ws', { handler: attachHandler, transport: 'websocket' })
  .add('POST', '/exec/:id/start', { handler: execStartHandler, transport: 'raw' });

/**
 * Registers the hijacked endpoints both ways: the server's upgrade hook (`Connection: Upgrade` with
 * `Upgrade: tcp` or `websocket`) and plain routes for the same requests without upgrade headers
 * (dockerd answers those 200 and streams raw; stdin cannot be read there, Node's parser owns the
 * socket's input).
 */
export function registerHijackRoutes(
  app: Routes,
  ctx: DaemonContext,
  routes: RouteTable<HijackRoute> = HIJACK_ROUTES,
): void {
  app.onUpgrade((req, socket, head) => takeUpgrade(ctx, routes, req, socket, head));
  for (const { method, pattern, value } of routes.routes()) {
    // dockerd decodes exec start's JSON whatever its Content-Type (no CheckForJSON), as the upgrade path does.
    app.route(method as 'GET' | 'POST', pattern, { rawBody: true }, async (req, reply) => {
      if (value.transport === 'websocket') throw new InvalidArgument('not websocket protocol');
      await servePlain(ctx, value.handler, req, reply);
    });
  }
}

async function servePlain(
  ctx: DaemonContext,
  handler: HijackHandler,
  req: Request,
  reply: Reply,
): Promise<void> {
  const plan = await handler(ctx, {
    params: req.params,
    query: req.query,
    body: await lenientJsonBody(req),
  });
  if (plan.kind === 'reply') {
    reply.code(plan.status).send();
    return;
  }
  const socket = reply.raw.socket;
  if (!socket) return;
  reply.hijack();
  await streamOnSocket(socket, plan, { head: RAW_OK_HEAD, input: false });
}

/**
 * The upgrade hook: takes the request when its path is a hijacked endpoint (true), else leaves it to
 * the server (false). The handler's answer comes first, so its errors are ordinary JSON answers.
 */
export function takeUpgrade(
  ctx: DaemonContext,
  routes: RouteTable<HijackRoute>,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const url = new URL(req.url ?? '/', 'http://shipd');
  const match = routes.match(req.method ?? 'GET', url.pathname);
  if (!match) return false;
  const query: Query = {};
  for (const [key, value] of url.searchParams) query[key] ??= value;
  void (async () => {
    let plan: HijackPlan;
    try {
      const body = await readUpgradeBody(req, socket, head);
      plan = await match.value.handler(ctx, { params: match.params, query, body });
    } catch (err) {
      const { status, message } = errorReply(err);
      socket.end(httpAnswer(status, { message }));
      return;
    }
    if (plan.kind === 'reply') {
      socket.end(httpAnswer(plan.status));
      return;
    }
    if (match.value.transport === 'websocket') {
      // ws is loaded on the first websocket attach only: most daemons never see one.
      const { streamOnWebsocket } = await import('./websocket-stream.js');
      streamOnWebsocket(req, socket, Buffer.alloc(0), plan, { input: true });
      return;
    }
    await streamOnSocket(socket, plan, { head: UPGRADED_HEAD, input: true });
  })().catch((err: unknown) => {
    socket.end(httpAnswer(httpStatusOf(err), { message: String(err) }));
    closeSocket(socket);
  });
  return true;
}
