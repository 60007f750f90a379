import { afterAll, describe, expect } from 'vitest';
import {
  dockerArchiveTar,
  type FixtureImage,
  fixtureImage,
  imageForHost,
  ociLayoutTar,
} from '../../fixtures/images/index.js';
import { conformance, target } from '../support/index.js';
import { req } from './requirements.js';
import { FIXTURE_CHECKS } from './support/fixture-checks.js';
import { PROBE_FIXTURES } from './support/loaded-fixtures.js';
import { uniqueRef } from './support/names.js';
import { openImageEngine } from './support/open-engine.js';

// Valid fixtures load through the engine's import path and run: checked from inside with probe.
const engine = openImageEngine(target());
const made: string[] = [];
const importReq = engine.family === 'containerd' ? 'containerd:images.import' : 'docker-api:ImageLoad';

afterAll(async () => {
  for (const ref of made) await engine.remove(ref);
  await engine.close();
});

/** Loads `tar` as a unique ref (removed after the file); the image, the ref and the load outcome. */
async function loadAndRun(
  fixture: (typeof PROBE_FIXTURES)[number],
  tar: (image: FixtureImage, ref: string) => Promise<Buffer>,
) {
  const image = imageForHost(await fixtureImage(fixture));
  const ref = uniqueRef(`valid-${fixture}`);
  made.push(ref);
  const outcome = await engine.load(await tar(image, ref), ref);
  return { image, ref, outcome };
}

/** The load succeeded, the image ID is the config digest and the fixture's probe check passes in it. */
async function expectLoadedAndRunning(
  fixture: (typeof PROBE_FIXTURES)[number],
  { image, ref, outcome }: Awaited<ReturnType<typeof loadAndRun>>,
) {
  expect(outcome, 'load outcome').toMatchObject({ ok: true });
  const name = await engine.find(ref);
  expect(name, `${ref} after the load`).toBeDefined();
  expect(await engine.configDigest(name as string)).toBe(image.id);
  const run = await engine.run(name as string, FIXTURE_CHECKS[fixture].args);
  expect(run.exitCode).toBe(0);
  FIXTURE_CHECKS[fixture].verify(run.stdout);
}

describe('loading valid images', () => {
  for (const fixture of PROBE_FIXTURES) {
    conformance(
      `loads the ${fixture} docker-archive: the ID is the config digest and probe runs in it`,
      { tags: ['oci-image', 'load'], requirements: req(importReq, 'image:layer.diff_id') },
      async () => {
        const loaded = await loadAndRun(fixture, (i, r) => dockerArchiveTar(i, { refs: [r] }));
        await expectLoadedAndRunning(fixture, loaded);
      },
    );
  }

  for (const fixture of PROBE_FIXTURES) {
    const strict = engine.family === 'containerd';
    const title = strict
      ? `loads the ${fixture} OCI layout archive and probe runs in it`
      : `OCI layout archive of ${fixture}: loads and runs, or is refused with a message and leaves no image (informative)`;
    conformance(
      title,
      { tags: ['oci-image', 'load', 'oci-layout'], requirements: req(importReq, 'image:layout') },
      async () => {
        const loaded = await loadAndRun(fixture, (i, r) => ociLayoutTar(i, { ref: r }));
        const { ref, outcome } = loaded;
        if (!strict && !outcome.ok) {
          console.log(
            `[oci-image] observation: ${engine.name} refused an OCI layout archive: ${outcome.message}`,
          );
          expect(outcome.message.length).toBeGreaterThan(0);
          expect(await engine.find(ref)).toBeUndefined();
          return;
        }
        await expectLoadedAndRunning(fixture, loaded);
      },
    );
  }
});
