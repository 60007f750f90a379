import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_LAYER, buildLayout } from '../../../fixtures/broken-images/build-layout.js';
import { type Files, type Json, jsonBytes, sha256 } from '../../../fixtures/broken-images/parts.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { type FakeServer, reply, startFake } from '../../engines/registry/fake-server.js';
import { TimeoutError } from '../../errors.js';
import { tarBuffer } from '../../tar/index.js';
import { ImageReadError } from '../errors.js';
import { type FakeRepo as Repo, serveRepos, zstdStored } from '../test-support.js';
import { validateImage } from '../validate/validate-image.js';
import { looksLikeRegistryRef, parseRegistryRef } from './registry-ref.js';

const emptyRepo = (): Repo => ({ manifests: new Map(), tags: new Map(), blobs: new Map() });

/** Move a layout's image into `repo`: its manifest under `tag`, every other blob as a blob. */
function addImage(repo: Repo, files: Files, tag?: string): Json {
  const desc = JSON.parse(String(files.get('index.json'))).manifests[0] as Json;
  const digest = String(desc.digest);
  for (const [path, bytes] of files) {
    if (!path.startsWith('blobs/sha256/') || !Buffer.isBuffer(bytes)) continue;
    const d = `sha256:${path.slice('blobs/sha256/'.length)}`;
    if (d === digest) repo.manifests.set(d, { bytes, type: String(desc.mediaType) });
    else repo.blobs.set(d, bytes);
  }
  if (tag) repo.tags.set(tag, digest);
  const { annotations: _a, ...rest } = desc;
  return rest;
}

function addIndex(repo: Repo, children: Json[], tag: string): string {
  const bytes = jsonBytes({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: children });
  const digest = sha256(bytes);
  repo.manifests.set(digest, { bytes, type: MediaType.ociIndex });
  repo.tags.set(tag, digest);
  return digest;
}

const serve = serveRepos;

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const url = (path: string) => `${fake?.url}/${path}`;
const rules = (r: { defects: readonly { severity: string; ruleId: string }[] }) =>
  r.defects.map((d) => `${d.severity} ${d.ruleId}`);

describe('validateImage on an image in a registry (in-process fake)', () => {
  it('pulls by tag and by digest with every manifest media type in Accept, and finds it valid', async () => {
    const repo = emptyRepo();
    const desc = addImage(repo, await buildLayout(), 'v1');
    fake = await serve({ 'team/app': repo });
    const report = await validateImage(url('team/app:v1'));
    expect(report).toMatchObject({ valid: true, format: 'registry', container: 'registry', defects: [] });
    const accept = String(fake.seen.find((r) => r.url.endsWith('/manifests/v1'))?.headers.accept);
    for (const t of [
      MediaType.ociManifest,
      MediaType.ociIndex,
      MediaType.dockerManifest,
      MediaType.dockerList,
    ]) {
      expect(accept).toContain(t);
    }
    // config + 2 layers pulled once each, after the manifest
    expect(fake.seen.filter((r) => r.url.includes('/blobs/')).length).toBe(3);
    const byDigest = await validateImage(url(`team/app@${String(desc.digest)}`));
    expect(byDigest).toMatchObject({ valid: true, defects: [] });
  });

  it('finds a blob whose bytes differ from its digest, and a blob the repository lacks', async () => {
    const repo = emptyRepo();
    addImage(repo, await buildLayout(), 'v1');
    const [layerDigest, bytes] = [...repo.blobs].find(([, b]) => b[0] === 0x1f) ?? [];
    repo.blobs.set(String(layerDigest), Buffer.concat([bytes ?? Buffer.alloc(0)]).fill(0x41, 40, 41));
    fake = await serve({ 'team/app': repo });
    const tampered = await validateImage(url('team/app:v1'));
    expect(rules(tampered)).toContain('error image:blob.digest');
    repo.blobs.delete(String(layerDigest));
    const missing = await validateImage(url('team/app:v1'));
    expect(rules(missing)).toEqual(['error image:blob.missing']);
    expect(missing.defects[0]?.message).toMatch(/is not in the repository/);
  });

  it('reads no more than one byte past a blob size the manifest declares', async () => {
    const repo = emptyRepo();
    addImage(repo, await buildLayout(), 'v1');
    const [layerDigest, bytes] = [...repo.blobs].find(([, b]) => b[0] === 0x1f) ?? [];
    repo.blobs.set(String(layerDigest), Buffer.concat([bytes ?? Buffer.alloc(0), Buffer.alloc(5_000_000)]));
    fake = await serve({ 'team/app': repo });
    const report = await validateImage(url('team/app:v1'));
    const size = report.defects.find((d) => d.ruleId === 'image:blob.size');
    expect(size?.message).toBe(
      `descriptor says ${bytes?.length} bytes, blob has ${(bytes?.length ?? 0) + 1}`,
    );
  });

  it('validates every child of an index, or with a platform only that child (others are not pulled)', async () => {
    const repo = emptyRepo();
    const amd = addImage(repo, await buildLayout({ config: ({ os: _os, ...rest }) => rest }));
    const arm = addImage(repo, await buildLayout({ config: (c) => ({ ...c, architecture: 'arm64' }) }));
    addIndex(
      repo,
      [
        { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
        { ...arm, platform: { os: 'linux', architecture: 'arm64' } },
      ],
      'multi',
    );
    fake = await serve({ 'team/app': repo });
    const all = await validateImage(url('team/app:multi'));
    expect(rules(all)).toEqual(['error image:config.os']);
    const before = fake.seen.length;
    const armOnly = await validateImage(url('team/app:multi'), { platform: 'linux/arm64' });
    expect(armOnly).toMatchObject({ valid: true, defects: [] });
    const pulled = fake.seen.slice(before).map((r) => r.url);
    expect(pulled).toContain(`/v2/team/app/manifests/${String(arm.digest)}`);
    expect(pulled).not.toContain(`/v2/team/app/manifests/${String(amd.digest)}`);
    await expect(validateImage(url('team/app:multi'), { platform: 'linux/ppc64le' })).rejects.toThrow(
      /no manifest for linux\/ppc64le \(the index offers linux\/amd64, linux\/arm64\)/,
    );
  });

  it('reads zstd and uncompressed layers from a registry like gzip ones', async () => {
    const tar = await tarBuffer(BASE_LAYER);
    const repo = emptyRepo();
    const layers = [
      { bytes: zstdStored(tar), mediaType: MediaType.ociLayerZstd, diffId: sha256(tar) },
      { bytes: tar, mediaType: MediaType.ociLayer, diffId: sha256(tar) },
      { bytes: gzipSync(tar), mediaType: MediaType.ociLayerGzip, diffId: sha256('wrong') },
    ];
    addImage(repo, await buildLayout({ layers: () => layers }), 'mixed');
    fake = await serve({ 'team/app': repo });
    const report = await validateImage(url('team/app:mixed'));
    expect(rules(report)).toEqual(['error image:layer.diff_id']);
    expect(report.defects[0]?.path).toBe('/rootfs/diff_ids/2');
  });

  it('checks the Content-Type and Docker-Content-Digest the registry sends', async () => {
    const repo = emptyRepo();
    const desc = addImage(repo, await buildLayout(), 'v1');
    const entry = repo.manifests.get(String(desc.digest));
    if (!entry) throw new Error('no manifest');
    entry.type = MediaType.dockerManifest;
    entry.digestHeader = sha256('something else');
    fake = await serve({ 'team/app': repo });
    const report = await validateImage(url('team/app:v1'));
    expect(rules(report).sort()).toEqual(
      [
        'error registry:content-type',
        'error registry:digest-header',
        'warning image:descriptor.mediaType.mismatch',
      ].sort(),
    );
  });

  it('asks for no credentials: a 401 is exit 2, and a registry that never answers hits the deadline', async () => {
    fake = await startFake((_req, res) => reply(res, 401, { 'www-authenticate': 'Bearer realm="x"' }));
    await expect(validateImage(url('team/app:v1'))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/refused the pull \(401\); only anonymous pulls are supported/),
    });
    await fake.close();
    fake = await startFake(() => {}); // never replies
    const started = Date.now();
    await expect(validateImage(url('team/app:v1'), { timeoutMs: 800 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('cannot read (exit 2): an unknown tag, a refusing registry, a closed port', async () => {
    fake = await serve({ 'team/app': emptyRepo() });
    const unknown = validateImage(url('team/app:nope'));
    await expect(unknown).rejects.toBeInstanceOf(ImageReadError);
    await expect(validateImage(url('team/app:nope'))).rejects.toThrow(/manifest unknown \(404\)/);
    const port = new URL(fake.url).port;
    await fake.close();
    fake = undefined;
    await expect(validateImage(`http://127.0.0.1:${port}/team/app:v1`)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/),
    });
  });
});

describe('registry references', () => {
  it('reads URLs and plain host/name forms; plain http only to loopback', () => {
    expect(parseRegistryRef('http://127.0.0.1:5000/team/app:1.0')).toEqual({
      origin: 'http://127.0.0.1:5000',
      repository: 'team/app',
      reference: '1.0',
      display: 'team/app:1.0',
    });
    expect(parseRegistryRef('127.0.0.1:5000/app').origin).toBe('http://127.0.0.1:5000');
    expect(parseRegistryRef('localhost:5000/app').reference).toBe('latest');
    expect(parseRegistryRef('registry.example:443/app:x').origin).toBe('https://registry.example');
    expect(parseRegistryRef(`https://r.example/a/b@${sha256('x')}`)).toMatchObject({
      repository: 'a/b',
      reference: sha256('x'),
    });
    expect(() => parseRegistryRef('http://registry.example/app:1')).toThrow(/plain http only to a loopback/);
    expect(() => parseRegistryRef('http://127.0.0.1:5000/App:1')).toThrow(/name grammar/);
    expect(() => parseRegistryRef('http://127.0.0.1:5000/app:-bad')).toThrow(/is not a tag/);
    expect(() => parseRegistryRef('http://127.0.0.1:5000/app@sha256')).toThrow(/is not a digest/);
  });

  it('tells a registry reference from a path', () => {
    expect(looksLikeRegistryRef('127.0.0.1:5000/app:1')).toBe(true);
    expect(looksLikeRegistryRef('localhost/app')).toBe(true);
    expect(looksLikeRegistryRef('registry.example/app')).toBe(true);
    expect(looksLikeRegistryRef('https://registry.example/app')).toBe(true);
    expect(looksLikeRegistryRef('images/app.tar')).toBe(false);
    expect(looksLikeRegistryRef('./out/layout')).toBe(false);
    expect(looksLikeRegistryRef('/tmp/x')).toBe(false);
  });
});
