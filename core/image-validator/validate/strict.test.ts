import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_LAYER, buildLayout } from '../../../fixtures/broken-images/build-layout.js';
import { addBlob, type Files, type Json, jsonBytes, sha256 } from '../../../fixtures/broken-images/parts.js';
import { writeDir } from '../../../fixtures/broken-images/write-files.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { tarBuffer } from '../../tar/index.js';
import { ImageReadError } from '../errors.js';
import { tempDir, zstdStored } from '../test-support.js';
import type { ValidateOptions } from '../types.js';
import { validateImage } from './validate-image.js';

let work: Awaited<ReturnType<typeof tempDir>>;
let n = 0;
beforeAll(async () => {
  work = await tempDir('shipshape-strict-');
});
afterAll(async () => {
  await work.cleanup();
});

/** Write `files` as a layout and validate it; the rule ids and severities found. */
async function check(files: Files, opts: ValidateOptions = {}) {
  const dir = `${work.dir}/l${n++}`;
  await writeDir(files, dir);
  const report = await validateImage(dir, opts);
  return { report, found: report.defects.map((d) => `${d.severity} ${d.ruleId}`) };
}

const withLayerType = (mediaType: string) =>
  buildLayout({ layers: (ls) => ls.map((l, i) => (i === 0 ? { ...l, mediaType } : l)) });

describe('what cannot be verified is an error; --lenient makes it a warning', () => {
  it('an unknown layer media type', async () => {
    const files = await withLayerType('application/vnd.example.layer.v1.tar+lz4');
    const strict = await check(files);
    expect(strict.found).toEqual(['error image:mediaType.unknown']);
    expect(strict.report.valid).toBe(false);
    expect(strict.report.defects[0]?.message).toMatch(/tar\+lz4 is not a media type this validator reads/);
    const lenient = await check(files, { lenient: true });
    expect(lenient.found).toEqual(['warning image:mediaType.unknown']);
    expect(lenient.report.valid).toBe(true);
  });

  it('an unregistered digest algorithm', async () => {
    const files = await buildLayout({
      index: (i, f) => {
        const enc = 'QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8';
        f.set(`blobs/multihash+base58/${enc}`, jsonBytes({ note: 'opaque' }));
        const extra = {
          mediaType: 'application/vnd.example.note+json',
          digest: `multihash+base58:${enc}`,
          size: 17,
        };
        return { ...i, manifests: [...(i.manifests as Json[]), extra] };
      },
    });
    expect((await check(files)).found).toEqual(['error image:descriptor.digest.unregistered']);
    const lenient = await check(files, { lenient: true });
    expect(lenient.found).toEqual(['warning image:descriptor.digest.unregistered']);
    expect(lenient.report.valid).toBe(true);
  });

  it('a config of a type that is neither a config nor JSON; a +json artifact config is read as JSON', async () => {
    const opaque = await buildLayout({
      manifest: (m, f) => ({ ...m, config: addBlob(f, 'application/vnd.example.bin', Buffer.from('raw')) }),
    });
    expect((await check(opaque)).found).toContain('error image:mediaType.unknown');
    const artifact = await buildLayout({
      manifest: (m, f) => ({
        ...m,
        config: addBlob(f, 'application/vnd.example.cfg+json', Buffer.from('{"a":1')),
      }),
    });
    expect((await check(artifact)).found).toContain('error image:json.syntax');
  });
});

describe("a descriptor's media type agrees with its blob", () => {
  it('a config descriptor pointing at a gzip stream', async () => {
    const gz = gzipSync(await tarBuffer(BASE_LAYER));
    const files = await buildLayout({
      manifest: (m, f) => ({ ...m, config: addBlob(f, MediaType.ociConfig, gz) }),
    });
    const { report, found } = await check(files);
    expect(found).toContain('error image:descriptor.mediaType.content');
    expect(report.defects.find((d) => d.ruleId === 'image:descriptor.mediaType.content')?.message).toBe(
      '/config says application/vnd.oci.image.config.v1+json (JSON), but the blob is a gzip stream',
    );
  });

  it('an index child that says manifest but is a tar', async () => {
    const tar = await tarBuffer(BASE_LAYER);
    const files = await buildLayout({ manifestBytes: () => tar });
    const { found } = await check(files);
    expect(found).toEqual(['error image:descriptor.mediaType.content']);
  });

  it('a layer that says gzip but is zstd, or says tar but is gzip', async () => {
    const tar = await tarBuffer(BASE_LAYER);
    const zstdAsGzip = await buildLayout({
      layers: ([, upper]) => [
        { bytes: zstdStored(tar), mediaType: MediaType.ociLayerGzip, diffId: sha256(tar) },
        ...(upper ? [upper] : []),
      ],
    });
    expect((await check(zstdAsGzip)).found).toEqual(['error image:layer.compression']);
    const gzipAsTar = await buildLayout({
      layers: ([, upper]) => [
        { bytes: gzipSync(tar), mediaType: MediaType.ociLayer, diffId: sha256(tar) },
        ...(upper ? [upper] : []),
      ],
    });
    expect((await check(gzipAsTar)).found).toEqual(['error image:layer.compression']);
  });
});

describe('zstd and uncompressed layers are checked like gzip ones', () => {
  it('a zstd layer: valid with the right diff_id, caught with a wrong one', async () => {
    const tar = await tarBuffer(BASE_LAYER);
    const zstd = (diffId: string) =>
      buildLayout({
        layers: ([, upper]) => [
          { bytes: zstdStored(tar), mediaType: MediaType.ociLayerZstd, diffId },
          ...(upper ? [upper] : []),
        ],
      });
    expect((await check(await zstd(sha256(tar)))).report).toMatchObject({ valid: true, defects: [] });
    expect((await check(await zstd(sha256('other')))).found).toEqual(['error image:layer.diff_id']);
  });

  // crane validate rejects uncompressed layers (go-containerregistry #1826); they are valid OCI layers.
  it('uncompressed layers only (crane #1826 fails these): valid, and a wrong diff_id is caught', async () => {
    // buildLayout's lower layer is gzip and its upper one a plain tar: store the lower one plain too.
    const plain = (diffId?: string) =>
      buildLayout({
        layers: async ([, upper]) => {
          const tar = await tarBuffer(BASE_LAYER);
          const lower = { bytes: tar, mediaType: MediaType.ociLayer, diffId: diffId ?? sha256(tar) };
          return [lower, ...(upper ? [upper] : [])];
        },
      });
    expect((await check(await plain())).report).toMatchObject({ valid: true, defects: [] });
    expect((await check(await plain(sha256('x')))).found).toEqual(['error image:layer.diff_id']);
  });
});

describe('--platform on a local multi-platform layout', () => {
  /** An index with an amd64 image (broken config: no os) and an arm64 image (valid). */
  async function twoPlatforms(): Promise<Files> {
    const arm = await buildLayout({ config: (c) => ({ ...c, architecture: 'arm64', variant: 'v8' }) });
    const amd = await buildLayout({ config: ({ os: _os, ...rest }) => rest });
    const files: Files = new Map([...arm, ...amd]);
    const child = (f: Files, platform: Json) => ({
      ...(JSON.parse(String(f.get('index.json'))).manifests[0] as Json),
      platform,
    });
    const index = {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [
        child(amd, { os: 'linux', architecture: 'amd64' }),
        child(arm, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      ],
    };
    files.set('index.json', jsonBytes(index));
    return files;
  }

  it('checks every child by default, only the chosen one with a platform, and says when none matches', async () => {
    const files = await twoPlatforms();
    expect((await check(files)).found).toContain('error image:config.os');
    expect((await check(files, { platform: 'linux/arm64' })).report).toMatchObject({
      valid: true,
      defects: [],
    });
    expect((await check(files, { platform: 'linux/arm64/v8' })).report.valid).toBe(true);
    expect((await check(files, { platform: 'linux/amd64' })).found).toEqual(['error image:config.os']);
    await expect(check(files, { platform: 'linux/arm64/v7' })).rejects.toThrow(
      /no manifest for linux\/arm64\/v7 \(the index offers linux\/amd64, linux\/arm64\/v8\)/,
    );
    await expect(check(files, { platform: 'linux' })).rejects.toMatchObject({ exitCode: 2 });
    await expect(check(files, { platform: 's390x/linux/x/y' })).rejects.not.toBeInstanceOf(ImageReadError);
  });
});
