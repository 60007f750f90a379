import { AsyncLocalStorage } from 'node:async_hooks';
import { type TestContext, test } from 'vitest';
import { lackingReason } from '../../core/engines/capabilities.js';
import type { Capability } from '../../core/engines/types.js';
import { idGlob, testIdFromFullName } from '../../core/results/test-id.js';
import type { ShipshapeMeta } from './provided.js';
import { skipRules, tagFilter, target } from './target.js';

export interface ConformanceOptions {
  /** Free-form labels (`--tag` selects on them), e.g. ['lifecycle', 'smoke']. */
  readonly tags?: readonly string[];
  /** Ids of the spec requirements this test checks, e.g. ['oci-runtime:create.1']. */
  readonly requirements?: readonly string[];
  /**
   * Capabilities the engine must have: the one way a test skips on an engine. Without one, the test is
   * skipped with `ENGINE lacks capability X: why` (the why from the engine's description).
   */
  readonly needs?: readonly Capability[];
  /** Per-test timeout in ms (defaults to the suites project's testTimeout). */
  readonly timeout?: number;
}

/**
 * Declares one conformance test. Tags and requirements travel in vitest's task meta to the reporter;
 * a missing capability or an expectation `status: skip` entry skips at run time with the reason; under
 * `--tag`, a test with none of the tags is not registered at all.
 */
export function conformance(
  name: string,
  opts: ConformanceOptions,
  fn: (ctx: TestContext) => unknown | Promise<unknown>,
): void {
  const tags = [...(opts.tags ?? [])];
  const filter = tagFilter();
  if (filter.length > 0 && !tags.some((t) => filter.includes(t))) return;
  const engine = target();
  const lacking = lackingReason(engine, opts.needs ?? []);
  const meta: ShipshapeMeta = { tags, requirements: [...(opts.requirements ?? [])] };
  test(name, { meta: { shipshape: meta }, timeout: opts.timeout }, async (ctx) => {
    if (lacking !== undefined) ctx.skip(lacking);
    const id = testIdFromFullName(ctx.task.fullName);
    const rule = skipRules().find((r) => idGlob(r.match).test(id));
    if (rule) ctx.skip(rule.reason);
    await running.run(ctx, () => fn(ctx));
  });
}

/** The context of the conformance test whose code is running, also inside concurrent tests. */
const running = new AsyncLocalStorage<TestContext>();

/**
 * Runs `cleanup` when the conformance test running now finishes (passed or failed), as the test's
 * own `onTestFinished` does; false outside a test (a hook), where the caller cleans up itself.
 * Unlike a file-wide afterEach list, this stays right when a file's tests run concurrently.
 */
export function whenTestFinishes(cleanup: () => Promise<unknown>): boolean {
  const ctx = running.getStore();
  if (ctx === undefined) return false;
  ctx.onTestFinished(async () => {
    await cleanup();
  });
  return true;
}
