import type { TestContext } from 'vitest';
import type { Capability } from '../../../core/engines/types.js';
import { conformance } from '../../support/index.js';
import { reqs } from '../requirements.js';
import { type Workflow, workflowDisabled } from './workflows.js';

export interface DistTestOptions {
  readonly workflow: Workflow;
  /** Requirement ids from ../requirements.ts (checked when the file is collected). */
  readonly requirements: readonly string[];
  readonly needs?: readonly Capability[];
  /** Extra tags besides 'oci-distribution' and the workflow. */
  readonly tags?: readonly string[];
  readonly timeout?: number;
}

/**
 * One distribution-spec test: a `conformance()` test tagged ['oci-distribution', workflow, ...tags]
 * that skips, with the switch named, when its workflow is turned off (see ./workflows.ts).
 */
export function distTest(
  name: string,
  opts: DistTestOptions,
  fn: (ctx: TestContext) => unknown | Promise<unknown>,
): void {
  conformance(
    name,
    {
      tags: ['oci-distribution', opts.workflow, ...(opts.tags ?? [])],
      requirements: reqs(...opts.requirements),
      ...(opts.needs ? { needs: opts.needs } : {}),
      ...(opts.timeout ? { timeout: opts.timeout } : {}),
    },
    async (ctx) => {
      const off = workflowDisabled(opts.workflow);
      if (off) ctx.skip(off);
      await fn(ctx);
    },
  );
}
