import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { ContainerdCtr } from '../../core/engines/containerd/client.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { fixtureImage, type LoadedImage, loadIntoContainerd } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { expectContainerBasics, parseReport, uniqueSuffix } from './probe-report.js';

/** containerd imports the probe image and runs it; probe's report is read from the task's log file. */
export function containerdBasics(engine: EngineDescription): void {
  describe('containerd', () => {
    const ctr = new ContainerdCtr(engine);
    let image: LoadedImage;
    let logDir = '';

    beforeAll(async () => {
      logDir = await mkdtemp(join(tmpdir(), 'shipshape-basics-'));
      image = await loadIntoContainerd(ctr, await fixtureImage('probe'), {
        ref: `shipshape-basics/probe:${uniqueSuffix()}`,
      });
    });

    afterAll(async () => {
      if (image) await ctr.removeImage(image.ref).catch(() => undefined);
      if (logDir) await rm(logDir, { recursive: true, force: true });
    });

    const runToExit = async (args: string[]) => {
      const id = `shipshape-basics-${uniqueSuffix()}`;
      const logFile = join(logDir, `${id}.log`);
      const result = await ctr.run(id, image.ref, args, { rm: true, logFile });
      return { status: result.exitCode, stdout: await readFile(logFile, 'utf8') };
    };

    conformance(
      'imports the probe image',
      { tags: ['basics', 'images'], requirements: ['containerd:images.import'] },
      async () => {
        const refs = (await ctr.listImages()).map((i) => i.ref);
        expect(refs).toContain(image.ref);
      },
    );

    conformance(
      'runs probe, whose report from inside shows root, pid 1 and the image PATH',
      { tags: ['basics', 'containers'], requirements: ['containerd:run'] },
      async () => {
        const run = await runToExit(['/bin/probe', 'report']);
        expect(run.status).toBe(0);
        expectContainerBasics(parseReport(run.stdout), ['/bin/probe', 'report']);
      },
    );

    conformance(
      'propagates the exit code of the task',
      { tags: ['basics', 'containers'], requirements: ['containerd:run'] },
      async () => {
        expect((await runToExit(['/bin/probe', 'exit', '3'])).status).toBe(3);
      },
    );
  });
}
