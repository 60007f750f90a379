import type { ProxiedRequest, ResponseHead } from './types.js';

const VERSIONED = /^\/v(\d+(?:\.\d+)?)(\/.*)?$/;

/** Splits `METHOD url` into version prefix, route and query. */
export function proxiedRequest(method: string, url: string): ProxiedRequest {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const m = VERSIONED.exec(path);
  return { method, url, version: m?.[1], route: m ? (m[2] ?? '/') : path, query };
}

/** The url with this route and query, keeping the version prefix. */
export function urlOf(req: ProxiedRequest, query: URLSearchParams = req.query): string {
  const text = query.toString();
  return `${req.version === undefined ? '' : `/v${req.version}`}${req.route}${text ? `?${text}` : ''}`;
}

/** `/containers/{id}/<action>` (any id or name), for matching container operations. */
export const containerAction = (req: ProxiedRequest, method: string, action: string): boolean =>
  req.method === method && new RegExp(`^/containers/[^/]+/${action}$`).test(req.route);

export const headerOf = (head: ResponseHead, name: string): string | undefined =>
  head.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** The head without these headers (case-insensitive names). */
export function withoutHeaders(head: ResponseHead, ...names: string[]): ResponseHead {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return { ...head, headers: head.headers.filter(([k]) => !drop.has(k.toLowerCase())) };
}

export const isJson = (head: ResponseHead): boolean =>
  /^application\/json/i.test(headerOf(head, 'content-type') ?? '');
