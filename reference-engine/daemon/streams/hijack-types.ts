import type { Readable } from 'node:stream';
import type { DaemonContext } from '../context.js';
import type { Query } from '../http/query.js';
import type { OutputWriter } from './output-writer.js';

/** A hijacked request as its handler sees it: path parameters, query and the parsed JSON body. */
export interface HijackCall {
  readonly params: Readonly<Record<string, string>>;
  /** Read with the helpers of http/query.ts (boolParam, param, intParam). */
  readonly query: Query;
  /** The JSON body (exec start), or undefined when there was none. */
  readonly body: unknown;
}

/** The client's side of a taken-over connection. */
export interface StreamIO {
  /** Output towards the client: frames unless the plan said `tty`. */
  readonly output: OutputWriter;
  /** The client's stdin, ending at its half-close; undefined when the transport carries none. */
  readonly input: Readable | undefined;
  /** Aborted once the client has gone. */
  readonly signal: AbortSignal;
}

/**
 * What a hijacked endpoint answers, decided before a byte of the answer is written, so that a
 * failure found first (no such container, bad detach keys) is an ordinary `{"message"}` answer:
 * - `reply`: a plain HTTP answer with no stream (exec start with Detach);
 * - `stream`: the connection is taken over (101 UPGRADED, or 200 raw-stream without upgrade
 *   headers, or a websocket) and `run` drives it until it resolves; then the connection is closed.
 */
export type HijackPlan =
  | { readonly kind: 'reply'; readonly status: number }
  | { readonly kind: 'stream'; readonly tty: boolean; run(io: StreamIO): Promise<void> };

/** One hijacked endpoint: validates and plans; throws engine errors (NotFound, Conflict, ...). */
export type HijackHandler = (ctx: DaemonContext, call: HijackCall) => Promise<HijackPlan>;
