import { EngineError, ShipshapeError } from '../../errors.js';
import { jsonValues } from './json-stream.js';

/** One message of a JSON progress stream (images/load, images/create, push, build). */
export interface ProgressMessage {
  readonly id?: string;
  readonly status?: string;
  readonly progress?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  /** Build output lines. */
  readonly stream?: string;
  readonly aux?: Readonly<Record<string, unknown>>;
  readonly error?: string;
  readonly errorDetail?: { readonly code?: number; readonly message?: string };
}

/**
 * Yield each progress message; a message that carries `error`/`errorDetail` ends the stream with an
 * EngineError holding the engine's message (status: errorDetail.code, else `httpStatus`).
 */
export async function* progressMessages(
  source: AsyncIterable<Uint8Array>,
  context: string,
  httpStatus = 200,
): AsyncGenerator<ProgressMessage> {
  for await (const value of jsonValues(source)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ShipshapeError(
        'PROTOCOL',
        `${context}: progress message is not an object: ${JSON.stringify(value)}`,
      );
    }
    const message = value as ProgressMessage;
    const failure = message.errorDetail?.message ?? message.error;
    if (failure !== undefined || message.errorDetail !== undefined) {
      throw new EngineError(message.errorDetail?.code ?? httpStatus, failure ?? 'unknown error', context);
    }
    yield message;
  }
}

/** Drain a progress stream into an array (raising on an error message). */
export async function collectProgress(messages: AsyncIterable<ProgressMessage>): Promise<ProgressMessage[]> {
  const all: ProgressMessage[] = [];
  for await (const message of messages) all.push(message);
  return all;
}

/** Image references named by `Loaded image: NAME` / `Loaded image ID: ID` messages of images/load. */
export function loadedImages(messages: readonly ProgressMessage[]): string[] {
  const names: string[] = [];
  for (const message of messages) {
    const text = message.stream ?? message.status ?? '';
    for (const match of text.matchAll(/Loaded image(?: ID)?: (\S+)/g)) if (match[1]) names.push(match[1]);
  }
  return names;
}
