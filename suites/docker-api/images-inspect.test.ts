import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ImageInspect } from '../../core/engines/docker-api/index.js';
import { type FixtureImage, fixtureImage, imageForHost, PROBE_CONFIG } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { engineRef, loadArchive, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const inspectReq = { tags: ['images', 'inspect'], requirements: ['docker-api:ImageInspect'] };
const repo = uniqueRepo('config');
const ref = `${repo}:v1`;
let image: FixtureImage;
let name: string;
let inspect: ImageInspect;

beforeAll(async () => {
  image = imageForHost(await fixtureImage('probe-config'));
  await loadArchive(ctx.client, image, [ref]);
  inspect = await ctx.client.images.inspect(image.id);
  name = engineRef(ref, inspect.RepoTags);
});
afterAll(async () => {
  await removeImageQuietly(ctx.client, name);
  await removeImageQuietly(ctx.client, image.id);
});

describe('ImageInspect', () => {
  conformance('the body follows the Image schema', inspectReq, () => {
    expectValid('ImageInspect', inspect);
  });

  conformance('Id is the config digest and RepoTags holds the loaded tag', inspectReq, () => {
    expect(inspect.Id).toBe(image.id);
    expect(inspect.RepoTags).toContain(name);
  });

  describe('Config of the probe-config fixture equals PROBE_CONFIG', () => {
    const scalar = ['User', 'WorkingDir', 'StopSignal'] as const;
    for (const field of scalar) {
      conformance(`Config.${field}`, inspectReq, () => {
        expect(inspect.Config?.[field]).toBe(PROBE_CONFIG[field]);
      });
    }
    for (const field of ['Env', 'Entrypoint', 'Cmd'] as const) {
      conformance(`Config.${field} (in order)`, inspectReq, () => {
        expect(inspect.Config?.[field]).toEqual(PROBE_CONFIG[field]);
      });
    }
    conformance('Config.Labels', inspectReq, () => {
      expect(inspect.Config?.Labels).toEqual(PROBE_CONFIG.Labels);
    });
    conformance('Config.ExposedPorts', inspectReq, () => {
      expect(Object.keys(inspect.Config?.ExposedPorts ?? {}).sort()).toEqual(
        [...PROBE_CONFIG.ExposedPorts].sort(),
      );
    });
  });

  conformance('Architecture, Os and Created come from the config', inspectReq, () => {
    expect(inspect.Architecture).toBe(image.config.architecture);
    expect(inspect.Os).toBe(image.config.os);
    expect(Date.parse(inspect.Created ?? '')).toBe(Date.parse(image.config.created));
  });

  conformance('RootFS.Layers are the diff IDs and Size covers the layers', inspectReq, () => {
    expect(inspect.RootFS?.Layers).toEqual(image.layers.map((l) => l.diffId));
    expect(inspect.Size).toBeGreaterThan(0);
    expect(inspect.VirtualSize ?? inspect.Size).toBeGreaterThanOrEqual(inspect.Size ?? 0);
  });

  describe('lookup', () => {
    const lookups: [string, () => string][] = [
      ['full ID with sha256: prefix', () => image.id],
      ['full ID without prefix', () => image.id.slice('sha256:'.length)],
      ['short ID (12 hex)', () => image.id.slice('sha256:'.length, 'sha256:'.length + 12)],
      ['name:tag', () => ref],
    ];
    for (const [how, key] of lookups) {
      conformance(`by ${how}`, inspectReq, async () => {
        expect((await ctx.client.images.inspect(key())).Id).toBe(image.id);
      });
    }

    conformance('by name without tag means :latest (absent here: 404)', inspectReq, async () => {
      expect(await engineStatus(ctx.client.images.inspect(repo))).toBe(404);
    });

    conformance('by name@digest when the engine lists a RepoDigest for it', inspectReq, async (t) => {
      const digest = (inspect.RepoDigests ?? [])[0];
      if (digest === undefined) {
        t.skip(
          'engine lists no RepoDigests for an image loaded from a tar (dockerd: digests come only from a registry)',
        );
        return;
      }
      expect((await ctx.client.images.inspect(digest)).Id).toBe(image.id);
    });

    conformance('an unknown name answers 404 with an ErrorResponse', inspectReq, async () => {
      const res = await ctx.client.raw('GET', `/images/${uniqueRepo('absent')}:nope/json`);
      expect(res.status).toBe(404);
      expectValid('ErrorResponse', res.json());
    });
  });
});
