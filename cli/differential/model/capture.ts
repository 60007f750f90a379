import {
  FrameDemuxer,
  type RawResponse,
  type RequestOptions,
} from '../../../core/engines/docker-api/index.js';
import { withQuery } from '../../../core/engines/docker-api/query.js';
import type { Captured, ScenarioContext } from './types.js';

/** How a body becomes comparable: JSON (or JSON lines, or text), a multiplexed log stream, or headers. */
export type Decode = 'json' | 'logs' | 'headers';

/** Headers that say nothing about the engine's API (they change per request). */
const TRANSIENT_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'x-reference-id']);

/** Empty → null; JSON; else JSON lines (a progress stream) → array; else the text. */
export function decodeJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    try {
      return lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      return text;
    }
  }
}

/** A non-TTY log stream as `{stdout, stderr}` text; a body that is not multiplexed stays text. */
export function decodeLogs(body: Buffer): unknown {
  const text = { stdout: '', stderr: '' };
  try {
    const demuxer = new FrameDemuxer();
    for (const frame of demuxer.push(body)) {
      if (frame.stream !== 'stdin') text[frame.stream] += frame.data.toString('utf8');
    }
    demuxer.end();
    return text;
  } catch {
    return body.toString('utf8');
  }
}

function decodeHeaders(res: RawResponse): unknown {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(res.headers).sort()) {
    if (!TRANSIENT_HEADERS.has(name)) headers[name] = res.header(name) ?? '';
  }
  return { headers, body: res.text() };
}

export function decode(res: RawResponse, how: Decode): unknown {
  if (how === 'headers') return decodeHeaders(res);
  return how === 'logs' ? decodeLogs(res.body) : decodeJson(res.body);
}

export const failed = (request: string, err: unknown): Captured => ({
  request,
  status: 0,
  body: null,
  error: err instanceof Error ? err.message : String(err),
});

/** One request whose answer is captured whatever its status; a transport failure becomes status 0. */
export async function capture(
  ctx: ScenarioContext,
  method: string,
  path: string,
  opts: RequestOptions & { decode?: Decode } = {},
): Promise<Captured> {
  const request = `${method} ${withQuery(path, opts.query)}`;
  try {
    const res = await ctx.client.raw(method, path, opts);
    return { request, status: res.status, body: decode(res, opts.decode ?? 'json') };
  } catch (err) {
    return failed(request, err);
  }
}
