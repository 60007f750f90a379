import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TarEntry, tarBuffer } from '../../../core/tar/index.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { InvalidArgument } from '../../errors.js';
import type { ImageStoreOptions } from '../image-store.js';
import {
  type BuiltImage,
  buildImage,
  chunksOf,
  dockerArchiveEntries,
  ociLayoutEntries,
  ociMultiPlatformEntries,
} from '../testing/archive-builder.js';
import { compiledLoadProcess } from '../testing/compile-for-child.js';
import { tempStore } from '../testing/temp-store.js';

const base = () =>
  buildImage({
    tags: ['busybox:latest', 'busybox:1'],
    layers: [{ files: { 'bin/sh': 'shell' } }, { files: { 'etc/hostname': 'box' }, gzip: true }],
    labels: { a: '1' },
  });

const replace = (entries: TarEntry[], name: string, content: Buffer): TarEntry[] =>
  entries.map((e) => (e.name === name ? { ...e, content } : e));

const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The image with layer `at` cut inside its first file, its diff_id, config and manifest made to match. */
function cutLayer(image: BuiltImage, at: number): BuiltImage {
  const layers = image.layers.map((layer, i) => {
    if (i !== at) return layer;
    const gzip = layer.mediaType === MediaType.ociLayerGzip;
    const tar = (gzip ? gunzipSync(layer.blob) : layer.blob).subarray(0, 512 + 3);
    const blob = gzip ? gzipSync(tar) : tar;
    return { ...layer, blob, digest: sha(blob), diffId: sha(tar) };
  });
  const configJson = {
    ...image.configJson,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  };
  const config = Buffer.from(JSON.stringify(configJson));
  const manifest = Buffer.from(
    JSON.stringify({
      ...JSON.parse(image.manifest.toString()),
      config: { mediaType: MediaType.ociConfig, digest: sha(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
    }),
  );
  const manifestDescriptor = {
    mediaType: MediaType.ociManifest,
    digest: sha(manifest),
    size: manifest.length,
  };
  return { ...image, id: sha(config), config, configJson, layers, manifest, manifestDescriptor };
}

// Every case runs twice: the load in this process, and the daemon's way, with the archive's work in
// the load process (load-child.ts, compiled for a child node): same images, same errors, same store.
const inChild: ImageStoreOptions = {};
let compiled = '';
beforeAll(async () => {
  compiled = await mkdtemp(join(tmpdir(), 'load-child-'));
  inChild.loadProcess = await compiledLoadProcess(compiled);
}, 60_000);
afterAll(() => rm(compiled, { recursive: true, force: true }));

const MODES: Array<[string, ImageStoreOptions]> = [
  ['in this process', {}],
  ['in a load process', inChild],
];

describe.each(MODES)('load %s', (_mode, options) => {
  describe('loadImages', () => {
    it('loads a docker-archive with plain and gzip layers, tags it and reports Docker progress', async () => {
      await using t = await tempStore(options);
      const image = await base();
      const progress: string[] = [];
      const result = await t.store.load(chunksOf(await tarBuffer(dockerArchiveEntries([image]))), {
        onProgress: (m) => progress.push(m),
      });
      expect(result.images).toEqual([{ id: image.id, tags: ['busybox:latest', 'busybox:1'] }]);
      expect(progress).toEqual(['Loaded image: busybox:latest', 'Loaded image: busybox:1']);
      expect(t.store.resolve('docker.io/library/busybox:1').id).toBe(image.id);
      const inspect = await t.store.inspect('busybox');
      expect(inspect.RootFS).toEqual({ Type: 'layers', Layers: image.layers.map((l) => l.diffId) });
      // layers, config and the synthesised manifest are stored; manifest.json is not kept
      expect((await t.snapshot()).blobs).toHaveLength(4);
      for (const layer of image.layers) expect(await t.store.content.has(layer.digest)).toBe(true);
    });

    it('loads an untagged image with a `Loaded image ID` line', async () => {
      await using t = await tempStore(options);
      const image = await buildImage({ layers: [{ files: { a: 'x' } }] });
      const result = await t.store.load(chunksOf(await tarBuffer(dockerArchiveEntries([image]))));
      expect(result.messages).toEqual([`Loaded image ID: ${image.id}`]);
      expect(t.store.list({ dangling: ['true'] }).map((i) => i.Id)).toEqual([image.id]);
    });

    it('follows symlinked layers (docker save dedups identical layers that way)', async () => {
      await using t = await tempStore(options);
      const image = await buildImage({
        tags: ['dup:1'],
        layers: [{ files: { a: 'same' } }, { files: { a: 'same' } }],
      });
      const entries = dockerArchiveEntries([image]);
      const manifest = JSON.parse(entries.at(-1)?.content?.toString() ?? '[]');
      manifest[0].Layers = ['first/layer.tar', 'second/layer.tar'];
      const archive = [
        { name: 'first/layer.tar', content: image.layers[0]?.blob },
        { name: 'second/layer.tar', type: 'symlink' as const, linkname: '../first/layer.tar' },
        entries[0] as TarEntry,
        { name: 'manifest.json', content: JSON.stringify(manifest) },
      ];
      await t.store.load(chunksOf(await tarBuffer(archive)));
      expect(t.store.resolve('dup:1').layers).toHaveLength(2);
    });

    it('loads an OCI layout with several images and a gzip-compressed archive', async () => {
      await using t = await tempStore(options);
      const one = await base();
      const two = await buildImage({ tags: ['localhost:5000/two:v2'], layers: [{ files: { b: '2' } }] });
      const tar = await tarBuffer(ociLayoutEntries([one, two]));
      const { gzipSync } = await import('node:zlib');
      const result = await t.store.load(chunksOf(gzipSync(tar)));
      expect(result.images.map((i) => i.id)).toEqual([one.id, one.id, two.id]);
      expect(t.store.resolve('busybox:1').id).toBe(one.id);
      expect(t.store.resolve('localhost:5000/two:v2').id).toBe(two.id);
      expect(t.store.resolve('localhost:5000/two:v2').manifest.digest).toBe(two.manifestDescriptor.digest);
    });

    it('selects the platform from an OCI index: linux/amd64 by default, configurable', async () => {
      const amd = await buildImage({ layers: [{ files: { arch: 'amd64' } }] });
      const arm = await buildImage({ layers: [{ files: { arch: 'arm64' } }], architecture: 'arm64' });
      const tar = await tarBuffer(ociMultiPlatformEntries([arm, amd], 'multi:1'));
      await using t = await tempStore(options);
      await t.store.load(chunksOf(tar), { platform: { os: 'linux', architecture: 'arm64' } });
      expect(t.store.resolve('multi:1').id).toBe(arm.id);
      // the other platform's blobs and the nested index are not kept
      expect(await t.store.content.has(amd.layers[0]?.digest ?? '')).toBe(false);
      expect((await t.snapshot()).blobs).toHaveLength(3);
      await t.store.load(chunksOf(tar));
      expect(t.store.resolve('multi:1').id).toBe(amd.id);
      await expect(
        t.store.load(chunksOf(tar), { platform: { os: 'linux', architecture: 's390x' } }),
      ).rejects.toThrow(/no manifest for platform linux\/s390x/);
    });

    it('moves a tag from an older image, which becomes dangling', async () => {
      await using t = await tempStore(options);
      const old = await buildImage({ tags: ['app:1'], layers: [{ files: { v: '1' } }] });
      const next = await buildImage({ tags: ['app:1'], layers: [{ files: { v: '2' } }] });
      await t.store.load(chunksOf(await tarBuffer(dockerArchiveEntries([old]))));
      const result = await t.store.load(chunksOf(await tarBuffer(dockerArchiveEntries([next]))));
      expect(result.messages[0]).toBe(
        `The image app:1 already exists, renaming the old one with ID ${old.id} to empty string`,
      );
      expect(t.store.list({ dangling: ['true'] }).map((i) => i.Id)).toEqual([old.id]);
    });
  });

  describe('loadImages refuses tampered or truncated input and leaves the store as it was', () => {
    const cases: Array<[string, (image: Awaited<ReturnType<typeof base>>) => Promise<Buffer>, RegExp]> = [
      [
        'a layer whose content does not match the config diff_id',
        async (image) => {
          const name = `${image.layers[0]?.diffId.slice(7)}/layer.tar`;
          const evil = await tarBuffer([{ name: 'bin/sh', content: 'evil!' }]);
          return tarBuffer(replace(dockerArchiveEntries([image]), name, evil));
        },
        /layer .*layer\.tar content has digest sha256:[a-f0-9]+ but config .* expects diff_id/,
      ],
      [
        'a config that does not match its file name',
        async (image) => {
          const config = Buffer.from(image.config.toString().replace('"amd64"', '"arm64"'));
          return tarBuffer(replace(dockerArchiveEntries([image]), `${image.id.slice(7)}.json`, config));
        },
        /config [a-f0-9]{64}\.json has digest sha256:[a-f0-9]+, not the one its name says/,
      ],
      [
        'a missing layer',
        async (image) =>
          tarBuffer(
            dockerArchiveEntries([image]).filter(
              (e) => e.name !== `${image.layers[1]?.diffId.slice(7)}/layer.tar`,
            ),
          ),
        /layer [a-f0-9]{64}\/layer\.tar named in manifest\.json is missing/,
      ],
      [
        'a truncated archive',
        async (image) => {
          const tar = await tarBuffer(dockerArchiveEntries([image]));
          return tar.subarray(0, 1536 + 300);
        },
        /truncated or not a tar/,
      ],
      [
        'an OCI blob whose content does not match its digest name',
        async (image) => {
          const name = `blobs/sha256/${image.layers[0]?.digest.slice(7)}`;
          return tarBuffer(replace(ociLayoutEntries([image]), name, Buffer.from('tampered')));
        },
        /blobs\/sha256\/[a-f0-9]+: content digest sha256:[a-f0-9]+ does not match the expected/,
      ],
      [
        'an OCI descriptor with the wrong size',
        async (image) => {
          const entries = ociLayoutEntries([image]);
          const index = JSON.parse(entries.at(-1)?.content?.toString() ?? '{}');
          index.manifests[0].size += 1;
          return tarBuffer(replace(entries, 'index.json', Buffer.from(JSON.stringify(index))));
        },
        /blob sha256:[a-f0-9]+ is \d+ bytes but its descriptor says \d+/,
      ],
      [
        'a docker-archive layer cut inside a file although its diff_id matches the cut bytes',
        async (image) => tarBuffer(dockerArchiveEntries([cutLayer(image, 0)])),
        /layer [a-f0-9]{64}\/layer\.tar is not a whole tar/,
      ],
      [
        'an OCI gzip layer whose tar is cut inside a file (gzip whole, diff_id of the cut bytes)',
        async (image) => tarBuffer(ociLayoutEntries([cutLayer(image, 1)])),
        /layer blobs\/sha256\/[a-f0-9]{64} is not a whole tar/,
      ],
      [
        'neither format',
        async () => tarBuffer([{ name: 'hello.txt', content: 'hi' }]),
        /neither manifest\.json .* nor oci-layout/,
      ],
    ];

    for (const [what, archive, message] of cases) {
      it(`refuses ${what}`, async () => {
        await using t = await tempStore(options);
        const existing = await buildImage({ tags: ['keep:1'], layers: [{ files: { 'bin/sh': 'shell' } }] });
        await t.store.load(chunksOf(await tarBuffer(dockerArchiveEntries([existing]))));
        const before = await t.snapshot();
        const image = await base();
        const error = await t.store.load(chunksOf(await archive(image))).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(InvalidArgument);
        expect((error as Error).message).toMatch(message);
        expect(await t.snapshot()).toEqual(before);
        expect(() => t.store.resolve('busybox:latest')).toThrow(/No such image/);
      });
    }
  });
});
