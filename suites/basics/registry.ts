import { afterAll, beforeAll, describe, expect } from 'vitest';
import { RegistryClient } from '../../core/engines/registry/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { uniqueSuffix } from './probe-report.js';

/** A registry takes the probe image's blobs and manifest and gives back the same bytes by tag. */
export function registryBasics(engine: EngineDescription): void {
  describe('registry', () => {
    const client = RegistryClient.from(engine);
    const repo = `shipshape-basics/probe-${uniqueSuffix()}`;
    let image: FixtureImage;

    beforeAll(async () => {
      image = imageForHost(await fixtureImage('probe'));
      for (const blob of [image.configBlob, ...image.layers.map((l) => l.blob)]) {
        await client.uploads.pushMonolithic(repo, blob.bytes, blob.digest);
      }
      await client.manifests.put(repo, 'latest', image.manifest.bytes, {
        mediaType: image.manifest.mediaType,
      });
    });

    afterAll(async () => {
      if (image && engine.capabilities.includes('registry.delete')) {
        await client.manifests.delete(repo, image.manifest.digest).catch(() => undefined);
        for (const blob of [image.configBlob, ...image.layers.map((l) => l.blob)]) {
          await client.blobs.delete(repo, blob.digest).catch(() => undefined);
        }
      }
      await client.close();
    });

    conformance('answers GET /v2/ with 200', { tags: ['basics'], requirements: ['dist:end-1'] }, async () => {
      expect((await client.ping()).status).toBe(200);
    });

    conformance(
      'returns the pushed manifest by tag with its digest',
      { tags: ['basics', 'pull'], requirements: ['dist:end-3'] },
      async () => {
        const manifest = await client.manifests.get(repo, 'latest');
        expect(manifest.digest).toBe(image.manifest.digest);
        expect(manifest.bytes.equals(image.manifest.bytes)).toBe(true);
      },
    );

    conformance(
      'returns the pushed config blob byte for byte',
      { tags: ['basics', 'pull'], requirements: ['dist:end-2'] },
      async () => {
        const blob = await client.blobs.get(repo, image.configBlob.digest);
        expect(blob.bytes.equals(image.configBlob.bytes)).toBe(true);
      },
    );
  });
}
