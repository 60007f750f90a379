import { describe, expect, it } from 'vitest';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { RULES } from './rules.js';
import { checkDocument } from './schema-check.js';
import { configSchema } from './schemas/config.js';
import { descriptorSchema } from './schemas/descriptor.js';
import { dockerManifestSchema, dockerRepositoriesSchema } from './schemas/docker-archive.js';
import { indexSchema } from './schemas/image-index.js';
import { indexJsonSchema } from './schemas/index-json.js';
import { manifestSchema } from './schemas/manifest.js';
import { EMPTY_DIGEST } from './schemas/media-types.js';
import { ociLayoutSchema } from './schemas/oci-layout.js';

const HEX = 'a'.repeat(64);
const desc = (over: Record<string, unknown> = {}) => ({
  mediaType: MediaType.ociConfig,
  digest: `sha256:${HEX}`,
  size: 10,
  ...over,
});
const rules = (kind: Parameters<typeof checkDocument>[0], doc: unknown) =>
  checkDocument(kind, doc).map((d) => d.ruleId);

describe('descriptor schema', () => {
  it('accepts registered and unregistered digests that follow the grammar', () => {
    expect(rules('descriptor', desc())).toEqual([]);
    expect(rules('descriptor', desc({ digest: `sha512:${'b'.repeat(128)}` }))).toEqual([]);
    expect(
      rules(
        'descriptor',
        desc({ digest: 'multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8' }),
      ),
    ).toEqual([]);
  });

  it('rejects uppercase hex and wrong lengths under the encoded rule, bad grammar under the digest rule', () => {
    expect(rules('descriptor', desc({ digest: `sha256:${'A'.repeat(64)}` }))).toEqual([
      'image:descriptor.digest.encoded',
    ]);
    expect(rules('descriptor', desc({ digest: `sha512:${HEX}` }))).toEqual([
      'image:descriptor.digest.encoded',
    ]);
    expect(rules('descriptor', desc({ digest: 'SHA256:abc' }))).toEqual(['image:descriptor.digest']);
    expect(rules('descriptor', desc({ digest: 'sha256' }))).toEqual(['image:descriptor.digest']);
  });

  it('checks size, mediaType, urls, data, artifactType, annotations', () => {
    expect(rules('descriptor', desc({ size: 1.5 }))).toEqual(['image:descriptor.size']);
    expect(rules('descriptor', desc({ mediaType: 'application/' }))).toEqual(['image:descriptor.mediaType']);
    expect(rules('descriptor', desc({ urls: ['https://example.com/a b'] }))).toEqual([
      'image:descriptor.urls',
    ]);
    expect(rules('descriptor', desc({ urls: ['https://example.com/a%20b'] }))).toEqual([]);
    expect(rules('descriptor', desc({ data: 'e30' }))).toEqual(['image:descriptor.data']);
    expect(rules('descriptor', desc({ artifactType: 'sbom' }))).toEqual(['image:descriptor.artifactType']);
    expect(rules('descriptor', desc({ annotations: { a: 'b', c: null } }))).toEqual(['image:annotations']);
  });

  it('holds the empty descriptor to size 2 and the digest of {}', () => {
    expect(
      rules('descriptor', { mediaType: MediaType.ociEmpty, digest: EMPTY_DIGEST, size: 2, data: 'e30=' }),
    ).toEqual([]);
    expect(rules('descriptor', { mediaType: MediaType.ociEmpty, digest: `sha256:${HEX}`, size: 2 })).toEqual([
      'image:descriptor.empty',
    ]);
  });

  it('requires architecture and os in a platform; variant, os.version, os.features are typed', () => {
    const platform = {
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      'os.version': '1',
      'os.features': ['x'],
    };
    expect(rules('descriptor', desc({ platform }))).toEqual([]);
    expect(rules('descriptor', desc({ platform: { os: 'linux' } }))).toEqual(['image:descriptor.platform']);
    expect(rules('descriptor', desc({ platform: { ...platform, 'os.features': 'x' } }))).toEqual([
      'image:descriptor.platform',
    ]);
  });
});

describe('manifest, index and config schemas', () => {
  const manifest = { schemaVersion: 2, mediaType: MediaType.ociManifest, config: desc(), layers: [] };

  it('accepts a minimal manifest and index', () => {
    expect(rules('manifest', manifest)).toEqual([]);
    expect(rules('index', { schemaVersion: 2, manifests: [] })).toEqual([]);
  });

  it('names the manifest rule that failed', () => {
    expect(rules('manifest', { ...manifest, mediaType: MediaType.ociIndex })).toEqual([
      'image:manifest.mediaType',
    ]);
    expect(rules('manifest', { ...manifest, subject: { digest: 1 } }).sort()).toEqual([
      'image:descriptor.digest',
      'image:descriptor.mediaType',
      'image:descriptor.size',
    ]);
    expect(rules('manifest', { ...manifest, subject: 'x' })).toEqual(['image:descriptor']);
    expect(rules('index', { schemaVersion: 1, manifests: {} }).sort()).toEqual([
      'image:index.manifests',
      'image:index.schemaVersion',
    ]);
  });

  it('allows null optional config fields and unknown fields; requires rootfs digests', () => {
    const config = {
      architecture: 'amd64',
      os: 'linux',
      created: null,
      config: { Env: null, Cmd: null, Labels: null, Hostname: 'x' },
      rootfs: { type: 'layers', diff_ids: [`sha256:${HEX}`] },
      container_config: {},
    };
    expect(rules('config', config)).toEqual([]);
    expect(rules('config', { ...config, created: 'yesterday' })).toEqual(['image:config.created']);
    expect(rules('config', { ...config, rootfs: { type: 'layers', diff_ids: ['x'] } })).toEqual([
      'image:config.rootfs.diff_ids',
    ]);
    expect(rules('config', { ...config, architecture: '' })).toEqual(['image:config.architecture']);
  });

  it('checks oci-layout and docker manifest.json shapes', () => {
    expect(rules('oci-layout', { imageLayoutVersion: '1.0.0', extra: true })).toEqual([]);
    expect(rules('oci-layout', { imageLayoutVersion: 'one' })).toEqual(['image:layout.imageLayoutVersion']);
    expect(rules('oci-layout', [])).toEqual(['image:layout.oci-layout']);
    expect(rules('docker-manifest', [{ Config: 'c.json', RepoTags: null, Layers: ['l/layer.tar'] }])).toEqual(
      [],
    );
    expect(rules('docker-repositories', { repo: { tag: 1 } })).toEqual(['docker:repositories']);
  });
});

describe('rule ids in the schemas', () => {
  it('every x-rule names a rule of the catalogue', () => {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-rule') found.add(String(value));
          else walk(value);
        }
      }
    };
    const all = [configSchema, descriptorSchema, dockerManifestSchema, dockerRepositoriesSchema, indexSchema];
    [...all, indexJsonSchema, manifestSchema, ociLayoutSchema].forEach(walk);
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((id) => !(id in RULES))).toEqual([]);
  });
});
