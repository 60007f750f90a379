import type { FastifyInstance } from 'fastify';
import type { DaemonContext } from '../context.js';

/** One route file's entry point: registers its unversioned paths (`/containers/:id/json`). */
export type RegisterRoutes = (app: FastifyInstance, ctx: DaemonContext) => void;

/** Every API area, registered in this order. Each route file adds its own line here. */
export const ROUTES: readonly RegisterRoutes[] = [];
