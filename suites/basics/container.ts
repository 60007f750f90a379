import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { RunResult } from '../../core/engines/container-engine/types.js';
import { openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { dockerArchiveTar, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { expectContainerBasics, type ProbeReport, parseReport, uniqueSuffix } from './probe-report.js';

interface Check {
  readonly title: string;
  readonly requirements: readonly string[];
}

/** How a family names the three basic checks, and what more it shows of a run. */
export interface ContainerBasicsWording {
  readonly load: Check;
  readonly run: Check;
  readonly exit: Check;
  /** Checks of the report only this family makes (Docker: the hostname is the container's short ID). */
  readonly checkRun?: (report: ProbeReport, run: RunResult) => void;
}

/** For a family without wording of its own. */
export const GENERIC_WORDING: ContainerBasicsWording = {
  load: { title: 'loads the probe image with its config digest as the image id', requirements: [] },
  run: {
    title: 'runs probe, whose report from inside shows root, pid 1 and the image PATH',
    requirements: [],
  },
  exit: { title: 'propagates the exit code of the container process', requirements: [] },
};

/**
 * A container engine loads the probe image under a unique ref, holds it with its config digest as the
 * image ID, and runs it: probe's report from inside is checked, and an exit code comes back. Registers
 * the tests in the caller's describe block, through the engine's ContainerEngine.
 */
export function containerBasics(target: EngineDescription, wording: ContainerBasicsWording): void {
  const engine = openContainerEngine(target);
  const ref = `shipshape-basics/probe:${uniqueSuffix()}`;
  let imageId = '';
  let image: string | undefined;

  beforeAll(async () => {
    const fixture = await fixtureImage('probe');
    imageId = imageForHost(fixture).id;
    const archive = await dockerArchiveTar(fixture, { refs: [ref] });
    const { images } = await engine.load(archive, { ref });
    image = (await engine.findImage(ref)) ?? images[0];
  });

  afterAll(async () => {
    if (image) await engine.removeImage(image, { force: true }).catch(() => undefined);
    await engine.close();
  });

  const held = (): string => {
    if (image === undefined) throw new Error(`${target.name} holds no image ${ref} after the load`);
    return image;
  };
  const runToExit = (args: readonly string[]) =>
    engine.run({ image: held(), command: ['/bin/probe', ...args] }, { timeoutMs: 60_000 });

  conformance(
    wording.load.title,
    { tags: ['basics', 'images'], requirements: [...wording.load.requirements] },
    async () => {
      expect(await engine.imageId(held())).toBe(imageId);
    },
  );

  conformance(
    wording.run.title,
    { tags: ['basics', 'containers'], requirements: [...wording.run.requirements] },
    async () => {
      const run = await runToExit(['report']);
      expect(run.exitCode).toBe(0);
      const report = parseReport(run.stdout);
      expectContainerBasics(report, ['/bin/probe', 'report']);
      wording.checkRun?.(report, run);
    },
  );

  conformance(
    wording.exit.title,
    { tags: ['basics', 'containers'], requirements: [...wording.exit.requirements] },
    async () => {
      expect((await runToExit(['exit', '3'])).exitCode).toBe(3);
    },
  );
}

/** The basics of a container family with no wording of its own. */
export function genericContainerBasics(target: EngineDescription): void {
  describe(target.family, () => containerBasics(target, GENERIC_WORDING));
}
