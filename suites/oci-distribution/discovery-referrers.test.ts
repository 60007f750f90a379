import { beforeAll, describe, expect, type TestContext } from 'vitest';
import {
  bareMediaType,
  digestOf,
  headerValue,
  type ImageContent,
  type RawResponse,
} from '../../core/engines/registry/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { target } from '../support/index.js';
import { distTest } from './support/dist-test.js';
import { freshImage, pushWhole } from './support/images.js';
import { useRegistry } from './support/registry-env.js';
import { buildSeed } from './support/seed.js';

const env = useRegistry('discovery-referrers', { seed: true });
const SBOM = 'application/vnd.shipshape.sbom.v1';
const SIG_CONFIG = 'application/vnd.shipshape.signature.config.v1+json';
const NEEDS = ['registry.referrers'] as const;
let sbom: ImageContent | undefined;
let signature: ImageContent | undefined;

beforeAll(async () => {
  if (!env.canPush || !target().capabilities.includes('registry.referrers')) return;
  const seeded = buildSeed(env.repo).oci;
  const subject = { mediaType: seeded.mediaType, digest: seeded.digest, size: seeded.manifest.length };
  sbom = freshImage('sbom', { subject, artifactType: SBOM, annotations: { 'org.shipshape.kind': 'sbom' } });
  // No artifactType: the referrers API must report the config's mediaType instead.
  const plain = freshImage('signature', { subject, annotations: { 'org.shipshape.kind': 'signature' } });
  const config = { ...plain.config, mediaType: SIG_CONFIG };
  const manifest = Buffer.from(plain.manifest.toString().replace(plain.config.mediaType, SIG_CONFIG));
  signature = { ...plain, config, manifest, digest: digestOf(manifest) };
  for (const image of [sbom, signature]) await pushWhole(env, env.repo, image, image.digest);
});

/** GET referrers of the seed's OCI manifest (or of `digest`). */
async function referrers(
  ctx: TestContext,
  query: Record<string, string> = {},
  digest?: string,
): Promise<RawResponse> {
  const seed = env.seed(ctx);
  return env.client.raw('GET', `/v2/${env.repo}/referrers/${digest ?? seed.oci.digest}`, { query });
}

type Listed = {
  digest: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  mediaType: string;
  size: number;
};
const manifestsOf = (res: RawResponse): Listed[] =>
  ((JSON.parse(res.body.toString()) as { manifests?: Listed[] }).manifests ?? []).map((m) => ({
    digest: m.digest,
    mediaType: m.mediaType,
    size: m.size,
    ...(m.artifactType === undefined ? {} : { artifactType: m.artifactType }),
    ...(m.annotations === undefined ? {} : { annotations: m.annotations }),
  }));

const described = (image: ImageContent | undefined, artifactType: string, kind: string): Listed => ({
  digest: image?.digest ?? '',
  mediaType: MediaType.ociManifest,
  size: image?.manifest.length ?? 0,
  artifactType,
  annotations: { 'org.shipshape.kind': kind },
});

describe('listing referrers', () => {
  distTest(
    'referrers of a manifest: 200, an OCI index listing each manifest whose subject it is',
    { workflow: 'discovery', requirements: ['dist:discovery.referrers.list'], needs: [...NEEDS] },
    async (ctx) => {
      const res = await referrers(ctx);
      expect({ status: res.status, type: bareMediaType(headerValue(res, 'content-type')) }).toEqual({
        status: 200,
        type: MediaType.ociIndex,
      });
      expect(
        manifestsOf(res)
          .map((m) => m.digest)
          .sort(),
      ).toEqual([sbom?.digest, signature?.digest].sort());
    },
  );

  distTest(
    'each descriptor carries artifactType (else the config mediaType) and the annotations',
    { workflow: 'discovery', requirements: ['dist:discovery.referrers.artifact-type'], needs: [...NEEDS] },
    async (ctx) => {
      const listed = manifestsOf(await referrers(ctx)).sort((a, b) => a.digest.localeCompare(b.digest));
      const wanted = [described(sbom, SBOM, 'sbom'), described(signature, SIG_CONFIG, 'signature')];
      expect(listed).toEqual(wanted.sort((a, b) => a.digest.localeCompare(b.digest)));
    },
  );

  distTest(
    '?artifactType= returns only matching referrers and says so in OCI-Filters-Applied',
    { workflow: 'discovery', requirements: ['dist:discovery.referrers.filter'], needs: [...NEEDS] },
    async (ctx) => {
      const res = await referrers(ctx, { artifactType: SBOM });
      expect({
        status: res.status,
        filters: headerValue(res, 'oci-filters-applied'),
        digests: manifestsOf(res).map((m) => m.digest),
      }).toEqual({ status: 200, filters: 'artifactType', digests: [sbom?.digest] });
    },
  );

  distTest(
    'a digest nothing refers to: 200 with an empty manifests list',
    { workflow: 'discovery', requirements: ['dist:discovery.referrers.empty'], needs: [...NEEDS] },
    async (ctx) => {
      const res = await referrers(ctx, {}, digestOf('shipshape: nothing refers to this'));
      expect({ status: res.status, manifests: manifestsOf(res) }).toEqual({ status: 200, manifests: [] });
    },
  );

  distTest(
    'a malformed digest: 400',
    { workflow: 'discovery', requirements: ['dist:discovery.referrers.invalid'], needs: [...NEEDS] },
    async (ctx) => {
      env.seed(ctx);
      expect((await env.client.raw('GET', `/v2/${env.repo}/referrers/sha256:abc`)).status).toBe(400);
    },
  );
});
