import { type TestContext, test } from 'vitest';
import type { Capability } from '../../core/engines/types.js';
import { idGlob, testIdFromFullName } from '../../core/results/test-id.js';
import type { ShipshapeMeta } from './provided.js';
import { skipRules, tagFilter, target } from './target.js';

export interface ConformanceOptions {
  /** Free-form labels (`--tag` selects on them), e.g. ['lifecycle', 'smoke']. */
  readonly tags?: readonly string[];
  /** Ids of the spec requirements this test checks, e.g. ['oci-runtime:create.1']. */
  readonly requirements?: readonly string[];
  /** Capabilities the engine must have; otherwise the test is skipped with `engine lacks capability X`. */
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
  const missing = (opts.needs ?? []).filter((c) => !engine.capabilities.includes(c));
  const meta: ShipshapeMeta = { tags, requirements: [...(opts.requirements ?? [])] };
  test(name, { meta: { shipshape: meta }, timeout: opts.timeout }, async (ctx) => {
    if (missing.length > 0) ctx.skip(`engine lacks capability ${missing.join(', ')}`);
    const id = testIdFromFullName(ctx.task.fullName);
    const rule = skipRules().find((r) => idGlob(r.match).test(id));
    if (rule) ctx.skip(rule.reason);
    await fn(ctx);
  });
}
