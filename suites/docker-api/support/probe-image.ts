import { randomBytes } from 'node:crypto';
import type { DockerApiClient } from '../../../core/engines/docker-api/index.js';
import { EngineError } from '../../../core/errors.js';
import { fixtureImage, loadIntoDockerApi } from '../../../fixtures/images/index.js';

/** The probe image as this engine knows it: the reference to create containers from, and its ID. */
export interface LoadedProbe {
  /** The name the engine gave it (Podman: `localhost/shipshape-suite/…:probe`). */
  readonly ref: string;
  /** The config digest, `sha256:…`. */
  readonly id: string;
}

/** Loads the probe fixture under a unique `shipshape-suite/<random>:probe` and returns the engine's name for it. */
export async function loadProbe(client: DockerApiClient): Promise<LoadedProbe> {
  const fixture = await fixtureImage('probe');
  const wanted = `shipshape-suite/${randomBytes(5).toString('hex')}:probe`;
  const loaded = await loadIntoDockerApi({ loadImage: (tar) => client.images.load(tar as Buffer) }, fixture, {
    ref: wanted,
  });
  const names = (loaded.response as { loaded?: readonly string[] }).loaded ?? [];
  const ref = names.find((n) => n === wanted || n.endsWith(`/${wanted}`)) ?? wanted;
  return { ref, id: loaded.id };
}

/** Removes the image; an image already gone is fine. */
export async function removeProbe(client: DockerApiClient, probe: LoadedProbe): Promise<void> {
  const res = await client.raw('DELETE', `/images/${probe.ref}`, { query: { force: '1' } });
  if (res.status >= 400 && res.status !== 404) {
    throw new EngineError(res.status, res.text(), `removing suite image ${probe.ref}`);
  }
}
