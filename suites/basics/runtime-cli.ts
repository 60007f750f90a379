import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { buildBundle, withArgs } from '../../core/engines/runtime-cli/bundle.js';
import { RuntimeCli } from '../../core/engines/runtime-cli/runtime-cli.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { probePath } from '../../fixtures/images/index.js';
import { createWorkspace, destroyWorkspaceSync, type Workspace } from '../oci-runtime/support/workspace.js';
import { conformance } from '../support/index.js';
import { expectContainerBasics, parseReport, uniqueSuffix } from './probe-report.js';

/** Why these tests cannot run here (they are skipped with it), or undefined when they can. */
const notRoot = (): string | undefined => {
  const uid = process.getuid?.();
  return uid === 0 ? undefined : `not root (uid ${uid}): a runtime CLI needs root to create containers`;
};

/** A runc-compatible runtime runs a bundle holding the static probe; its report is read from stdout. */
export function runtimeCliBasics(engine: EngineDescription): void {
  describe('runtime-cli (needs root to create containers)', () => {
    let runtime: RuntimeCli;
    // bundles and the state root in a workspace with its owner, so an interrupt or `shipshape clean`
    // can remove what a cut run left (cli/cleanup/runtime-leftovers.ts)
    let work: Workspace | undefined;
    const skipped = notRoot();

    // each test is skipped with the reason (a describe.skipIf would skip them without one)
    beforeEach((ctx) => {
      if (skipped) ctx.skip(skipped);
    });

    beforeAll(async () => {
      if (skipped) return;
      work = await createWorkspace(engine.address, engine.args ?? []);
      runtime = await RuntimeCli.open(engine, { stateRoot: work.stateRoot });
    });

    afterAll(async () => {
      await runtime?.close();
      if (work) destroyWorkspaceSync(work);
    });

    const runToExit = async (args: string[]) => {
      const id = `shipshape-basics-${uniqueSuffix()}`;
      const bundle = await buildBundle(
        join(work?.bundles ?? '', id),
        { rootfs: { binaries: { '/bin/probe': probePath() } } },
        withArgs(...args),
      );
      const result = await runtime.run(id, bundle.dir);
      await runtime.delete(id, { force: true }).catch(() => undefined);
      return { status: result.exitCode, stdout: result.stdout };
    };

    conformance(
      'runs probe from a bundle; its report shows root, pid 1, the config env and hostname',
      { tags: ['basics', 'containers'], requirements: ['runtime:run'] },
      async () => {
        const run = await runToExit(['/bin/probe', 'report']);
        expect(run.status).toBe(0);
        const report = parseReport(run.stdout);
        expectContainerBasics(report, ['/bin/probe', 'report']);
        expect(report.hostname).toBe('shipshape');
        expect(report.cwd).toBe('/');
      },
    );

    conformance(
      'propagates the exit code of the container process',
      { tags: ['basics', 'containers'], requirements: ['runtime:run'] },
      async () => {
        expect((await runToExit(['/bin/probe', 'exit', '3'])).status).toBe(3);
      },
    );
  });
}
