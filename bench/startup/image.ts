import {
  buildImage,
  buildLayer,
  DEFAULT_PATH,
  type Fixture,
  file,
  fixtureImage,
} from '../../fixtures/images/index.js';
import { contentChunks } from '../corpus/content.js';
import type { ImageSize } from './types.js';

const MiB = 1024 * 1024;

/** Bytes of the extra layer of the `large` image: seeded, incompressible, same on every run. */
export const LARGE_LAYER_BYTES = { quick: 16 * MiB, standard: 16 * MiB, full: 64 * MiB } as const;

const cache = new Map<string, Promise<Fixture>>();

async function largeFixture(bytes: number): Promise<Fixture> {
  const probe = await fixtureImage('probe');
  if (probe.kind !== 'image') throw new Error('probe fixture is not a single image');
  const content = Buffer.concat([...contentChunks('random', 4242, bytes)]);
  const extra = await buildLayer([file('/large/blob.bin', content)], {
    createdBy: `shipshape bench: ${bytes} seeded bytes`,
  });
  return buildImage({
    name: 'probe-large',
    layers: [...probe.layers, extra],
    config: { Env: [DEFAULT_PATH], Entrypoint: ['/bin/probe'], Cmd: ['report'] },
  });
}

/** The startup image: the probe fixture, or the probe plus one large seeded layer. Built once per process. */
export function startupImage(size: ImageSize, profile: keyof typeof LARGE_LAYER_BYTES): Promise<Fixture> {
  const key = size === 'small' ? 'small' : `large-${profile}`;
  let built = cache.get(key);
  if (!built) {
    built = size === 'small' ? fixtureImage('probe') : largeFixture(LARGE_LAYER_BYTES[profile]);
    cache.set(key, built);
  }
  return built;
}
