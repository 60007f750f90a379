import {
  dockerArchiveTar,
  type FixtureImage,
  fixtureImage,
  imageForHost,
} from '../../../fixtures/images/index.js';
import type { ImageEngine } from './engine.js';
import { uniqueRef } from './names.js';

/** The catalogue images this suite loads and saves. */
export const PROBE_FIXTURES = ['probe', 'probe-multilayer', 'probe-config'] as const;
export type ProbeFixture = (typeof PROBE_FIXTURES)[number];

/** A fixture held by the engine: the fixture, the ref we gave it, and the engine's name for it. */
export interface LoadedFixture {
  readonly image: FixtureImage;
  readonly ref: string;
  readonly name: string;
}

/** Loads each fixture as a docker-archive under a fresh ref; throws with the engine's message on refusal. */
export async function loadFixtures(
  engine: ImageEngine,
  names: readonly ProbeFixture[],
  hint: string,
): Promise<Map<ProbeFixture, LoadedFixture>> {
  const loaded = new Map<ProbeFixture, LoadedFixture>();
  for (const fixture of names) {
    const image = imageForHost(await fixtureImage(fixture));
    const ref = uniqueRef(`${hint}-${fixture}`);
    const outcome = await engine.load(await dockerArchiveTar(image, { refs: [ref] }), ref);
    if (!outcome.ok)
      throw new Error(`${engine.name} refused the ${fixture} docker-archive: ${outcome.message}`);
    const name = await engine.find(ref);
    if (name === undefined) throw new Error(`${engine.name} loaded ${fixture} but holds no ${ref}`);
    loaded.set(fixture, { image, ref, name });
  }
  return loaded;
}
