import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeServer } from '../core/engines/registry/fake-server.js';
import { type FakeRepo, serveRepos } from '../core/image-validator/test-support.js';
import { projectRoot } from '../core/results/host.js';
import { buildLayout } from '../fixtures/broken-images/build-layout.js';
import { type Json, sha256 } from '../fixtures/broken-images/parts.js';
import { buildImage, buildLayer, file, writeOciLayout } from '../fixtures/images/index.js';
import { MediaType } from '../spec/oci-image/media-types.js';
import { runCli } from './cli.js';
import type { CliIo } from './io/io.js';

function io() {
  let out = '';
  let err = '';
  const cli: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: { PATH: '' },
    root: projectRoot(),
  };
  return { cli, out: () => out, err: () => err };
}

/** A repository whose `multi` tag is an index: an amd64 image without `os` (invalid), a valid arm64 one. */
async function multiPlatformRepo(): Promise<FakeRepo> {
  const repo: FakeRepo = { manifests: new Map(), tags: new Map(), blobs: new Map() };
  const children = [];
  for (const [architecture, config] of [
    ['amd64', ({ os: _os, ...rest }: Json) => rest],
    ['arm64', (c: Json) => ({ ...c, architecture: 'arm64' })],
  ] as const) {
    const files = await buildLayout({ config });
    const desc = JSON.parse(String(files.get('index.json'))).manifests[0];
    for (const [path, bytes] of files) {
      if (!path.startsWith('blobs/sha256/') || !Buffer.isBuffer(bytes)) continue;
      const digest = `sha256:${path.slice('blobs/sha256/'.length)}`;
      if (digest === desc.digest) repo.manifests.set(digest, { bytes, type: desc.mediaType });
      else repo.blobs.set(digest, bytes);
    }
    const { annotations: _a, ...plain } = desc;
    children.push({ ...plain, platform: { os: 'linux', architecture } });
  }
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: children }),
  );
  repo.manifests.set(sha256(index), { bytes: index, type: MediaType.ociIndex });
  repo.tags.set('multi', sha256(index));
  return repo;
}

/** Rewrite a layout so its manifest gives the first layer `mediaType` (digests above it recomputed). */
async function retypeFirstLayer(layout: string, mediaType: string): Promise<void> {
  const blob = (digest: string) => join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(blob(index.manifests[0].digest), 'utf8'));
  manifest.layers[0].mediaType = mediaType;
  const bytes = Buffer.from(JSON.stringify(manifest));
  await writeFile(blob(sha256(bytes)), bytes);
  index.manifests[0] = { ...index.manifests[0], digest: sha256(bytes), size: bytes.length };
  await writeFile(join(layout, 'index.json'), JSON.stringify(index));
}

describe('shipshape validate image', () => {
  let dir = '';
  let fake: FakeServer | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-validate-cli-'));
    const layer = await buildLayer([file('hello.txt', 'hello\n')]);
    const image = buildImage({ name: 'tiny', layers: [layer], config: { Cmd: ['/hello'] } });
    await writeOciLayout(join(dir, 'good'), image);
    await writeOciLayout(join(dir, 'tampered'), image);
    const blobs = join(dir, 'tampered', 'blobs', 'sha256');
    const layerBlob = join(blobs, layer.blob.digest.slice('sha256:'.length));
    const bytes = await readFile(layerBlob);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    await writeFile(layerBlob, bytes);
    expect((await readdir(blobs)).length).toBeGreaterThan(2);
    const lz4 = buildImage({ name: 'lz4', layers: [layer], config: { Cmd: ['/hello'] } });
    await writeOciLayout(join(dir, 'lz4'), lz4);
    await retypeFirstLayer(join(dir, 'lz4'), 'application/vnd.example.layer.v1.tar+lz4');
    fake = await serveRepos({ 'team/app': await multiPlatformRepo() });
  });
  afterAll(async () => {
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on a valid layout', async () => {
    const c = io();
    expect(await runCli(['validate', 'image', join(dir, 'good')], c.cli)).toBe(0);
    expect(c.out()).toMatch(/valid/);
  });

  it('exits 1 on a tampered blob and names the rule', async () => {
    const c = io();
    expect(await runCli(['validate', 'image', join(dir, 'tampered'), '--json'], c.cli)).toBe(1);
    const report = JSON.parse(c.out()) as { valid: boolean; defects: { ruleId: string }[] };
    expect(report.valid).toBe(false);
    expect(report.defects.map((d) => d.ruleId)).toContain('image:blob.digest');
  });

  it('reads an image from a registry by URL, with --platform and --json', async () => {
    const c = io();
    const target = `${fake?.url}/team/app:multi`;
    expect(await runCli(['validate', 'image', target, '--json'], c.cli)).toBe(1);
    const all = JSON.parse(c.out()) as { format: string; defects: { ruleId: string }[] };
    expect(all.format).toBe('registry');
    expect(all.defects.map((d) => d.ruleId)).toEqual(['image:config.os']);
    const arm = io();
    expect(await runCli(['validate', 'image', target, '--platform', 'linux/arm64'], arm.cli)).toBe(0);
    expect(arm.out()).toMatch(/team\/app:multi \(registry, registry\): valid/);
    const plain = io(); // host:port/name:tag without a scheme: plain http to a loopback registry
    const hostPort = `${new URL(fake?.url ?? '').host}/team/app:multi`;
    expect(await runCli(['validate', 'image', hostPort, '--platform', 'linux/arm64'], plain.cli)).toBe(0);
    const none = io();
    expect(await runCli(['validate', 'image', target, '--platform', 'linux/s390x'], none.cli)).toBe(2);
    expect(none.err()).toMatch(
      /no manifest for linux\/s390x \(the index offers linux\/amd64, linux\/arm64\)/,
    );
    const bad = io();
    expect(await runCli(['validate', 'image', target, '--platform', 'linux'], bad.cli)).toBe(2);
    expect(bad.err()).toMatch(/--platform "linux" is not os\/arch\[\/variant\]/);
  });

  it('reports what cannot be verified as an error, and as a warning with --lenient', async () => {
    const strict = io();
    expect(await runCli(['validate', 'image', join(dir, 'lz4')], strict.cli)).toBe(1);
    expect(strict.out()).toMatch(
      /error +blobs\/sha256\/[0-9a-f]{64}#\/layers\/0\/mediaType +\[image:mediaType\.unknown\]/,
    );
    const lenient = io();
    expect(await runCli(['validate', 'image', join(dir, 'lz4'), '--lenient'], lenient.cli)).toBe(0);
    expect(lenient.out()).toMatch(/warning .*\[image:mediaType\.unknown\]/);
  });

  it('describes registry targets, --platform and --lenient in its help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    let help = '';
    try {
      expect(await runCli(['validate', 'image', '--help'], io().cli)).toBe(0);
      help = log.mock.calls.map((call) => call.join(' ')).join('\n'); // yargs prints help with console.log
    } finally {
      log.mockRestore();
    }
    expect(help).toMatch(/http:\/\/127\.0\.0\.1:5000\/repo:tag/);
    expect(help).toMatch(/--platform +os\/arch\[\/variant\]/);
    expect(help).toMatch(/--lenient +Report what cannot be verified/);
  });

  it('exits 2 when the input cannot be read', async () => {
    const c = io();
    expect(await runCli(['validate', 'image', join(dir, 'missing')], c.cli)).toBe(2);
    expect(c.err()).toMatch(/cannot read image/);
  });
});
