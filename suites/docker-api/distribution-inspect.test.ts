import { describe, expect } from 'vitest';
import { hostPlatform } from '../../fixtures/images/index.js';
import type { Descriptor as OciDescriptor } from '../../spec/oci-image/types.js';
import { conformance } from '../support/index.js';
import { pushVariant, skipWithoutRegistry } from './registry-fixtures.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

// DistributionInspect: the engine asks the registry about an image reference.

const ctx = suiteContext({ probe: false });
const inspect = { tags: ['distribution'], requirements: ['docker-api:DistributionInspect'], timeout: 60_000 };

/** The descriptor as the engine answers it: every field is checked, none assumed. */
type Descriptor = Partial<OciDescriptor>;

describe('DistributionInspect', () => {
  conformance(
    'describes the manifest the registry holds for the tag, and its platform',
    inspect,
    async (t) => {
      await skipWithoutRegistry(t);
      const pushed = await pushVariant(ctx, 'dist');
      const res = await ctx.client.raw('GET', `/distribution/${pushed.repo}:${pushed.tag}/json`);
      expect({ status: res.status, body: res.text().slice(0, 300) }).toMatchObject({ status: 200 });
      const body = res.json() as {
        Descriptor: Descriptor;
        Platforms: { architecture?: string; os?: string }[];
      };
      expectValid('DistributionInspectResponse', body);
      expect(body.Descriptor.digest).toBe(pushed.manifest.digest);
      expect(body.Descriptor.size).toBe(pushed.manifest.bytes.length);
      expect(body.Descriptor.mediaType).toBe(pushed.manifest.mediaType);
      const platform = hostPlatform();
      expect(body.Platforms).toContainEqual(
        expect.objectContaining({ architecture: platform.architecture, os: 'linux' }),
      );
    },
  );

  conformance('by digest it describes the same manifest', inspect, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'distdigest');
    const res = await ctx.client.raw('GET', `/distribution/${pushed.repo}@${pushed.manifest.digest}/json`);
    expect(res.status).toBe(200);
    expect((res.json() as { Descriptor: Descriptor }).Descriptor.digest).toBe(pushed.manifest.digest);
  });

  conformance('a tag the registry does not have answers an error with a message', inspect, async (t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'distmissing');
    const res = await ctx.client.raw('GET', `/distribution/${pushed.repo}:no-such-tag/json`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectValid('ErrorResponse', res.json());
  });
});
