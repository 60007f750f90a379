import { describe, expect, type TestContext } from 'vitest';
import type { RawResponse } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { type SuiteContext, suiteContext } from './support/index.js';

// Checks of the swarm-mode endpoints on an engine outside a swarm: read-only calls or unknown ids only.

/** One swarm-mode call: its operationId, verb, path and JSON body (none for GET/DELETE). */
export interface UnavailableCall {
  readonly op: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path; `{missing}` becomes a name no object has. */
  readonly path: string;
  readonly body?: unknown;
}

let nodeState: Promise<string> | undefined;

/** Skips the test unless the engine says it is outside any swarm (Swarm.LocalNodeState `inactive`). */
export async function skipUnlessOutsideSwarm(ctx: SuiteContext, t: TestContext): Promise<void> {
  nodeState ??= ctx.client.info().then((info) => {
    const swarm = (info as { Swarm?: { LocalNodeState?: string } }).Swarm;
    return swarm?.LocalNodeState ?? 'inactive';
  });
  const state = await nodeState;
  if (state !== 'inactive')
    t.skip(`the engine is in a swarm (LocalNodeState ${state}); these checks need one outside`);
}

/** Sends the call with `{missing}` filled in. */
export function sendCall(ctx: SuiteContext, call: UnavailableCall): Promise<RawResponse> {
  const path = call.path.replace('{missing}', `ss${ctx.runId}missing`);
  return ctx.client.raw(call.method, path, call.body === undefined ? {} : { body: call.body });
}

/** The answer is `status` with a JSON ErrorResponse body; returns the message. */
export function expectErrorBody(res: RawResponse, status: number): string {
  expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status });
  expect(res.header('content-type')).toMatch(/^application\/json/);
  const body = res.json();
  expectValid('ErrorResponse', body);
  return (body as { message: string }).message;
}

/**
 * Registers one test per call: outside a swarm it answers 503 with an error body. `area` names the tag
 * from the operationId. Call once per test file, at its top level (it opens the file's suite context).
 */
export function describeOutsideSwarm(calls: readonly UnavailableCall[], area: (op: string) => string): void {
  const ctx = suiteContext({ probe: false });
  describe.each(calls)('$op outside a swarm', (call) => {
    conformance(
      'answers 503 with an error body',
      { tags: [area(call.op), 'errors'], requirements: [`docker-api:${call.op}`] },
      async (t) => {
        await skipUnlessOutsideSwarm(ctx, t);
        expectErrorBody(await sendCall(ctx, call), 503);
      },
    );
  });
}
