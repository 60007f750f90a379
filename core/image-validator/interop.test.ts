import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDockerArchive } from '../../fixtures/broken-images/build-docker-archive.js';
import { tarOfFiles } from '../../fixtures/broken-images/write-files.js';
import { isSocket, socketRequest, tempDir } from './test-support.js';
import type { ValidationReport } from './types.js';
import { validateImage } from './validate/validate-image.js';

const DOCKER = '/var/run/docker.sock';
const PODMAN = '/run/podman/podman.sock';
const has = async (cmd: string) =>
  (await execa(cmd, ['--version'], { reject: false, timeout: 10_000 })).exitCode === 0;
const HAS_SKOPEO = await has('skopeo');
const HAS_UMOCI = await has('umoci');
const errors = (r: ValidationReport) => r.defects.filter((d) => d.severity === 'error');

let work: Awaited<ReturnType<typeof tempDir>>;
let dockerArchive: string;
const tag = `t${randomBytes(4).toString('hex')}`;
const repo = 'shipshape-validator-test';

beforeAll(async () => {
  work = await tempDir('shipshape-interop-');
  dockerArchive = join(work.dir, 'own-docker.tar');
  await writeFile(dockerArchive, await tarOfFiles(await buildDockerArchive(`${repo}:${tag}`)));
});
afterAll(async () => {
  await work.cleanup();
});

describe('valid images made by other tools pass clean', () => {
  it('our own docker-archive', async () => {
    const report = await validateImage(dockerArchive);
    expect(report.format).toBe('docker-archive');
    expect(report.defects).toEqual([]);
  });

  it.skipIf(!HAS_SKOPEO)('skopeo copy docker-archive:X oci:DIR', async () => {
    const dir = join(work.dir, 'skopeo-oci');
    await execa('skopeo', ['copy', `docker-archive:${dockerArchive}`, `oci:${dir}:latest`], {
      timeout: 60_000,
    });
    const report = await validateImage(dir);
    expect(report.format).toBe('oci-layout');
    expect(report.defects).toEqual([]);
  });

  it.skipIf(!HAS_UMOCI)('umoci init + umoci new', async () => {
    const dir = join(work.dir, 'umoci');
    await execa('umoci', ['init', '--layout', dir], { timeout: 30_000 });
    await execa('umoci', ['new', '--image', `${dir}:tag`], { timeout: 30_000 });
    const report = await validateImage(dir);
    expect(report.defects).toEqual([]);
  });

  it.skipIf(!isSocket(DOCKER))('docker save of an image loaded into dockerd', async () => {
    const name = `${repo}:${tag}`;
    const loaded = await socketRequest(DOCKER, 'POST', '/images/load?quiet=1', await readFile(dockerArchive));
    expect(loaded.status).toBe(200);
    try {
      const saved = await socketRequest(DOCKER, 'GET', `/images/${name}/get`);
      expect(saved.status).toBe(200);
      const file = join(work.dir, 'docker-save.tar');
      await writeFile(file, saved.body);
      const report = await validateImage(file);
      expect(report.format).toBe('docker-archive');
      expect(errors(report)).toEqual([]);
      expect(report.defects).toEqual([]);
    } finally {
      await socketRequest(DOCKER, 'DELETE', `/images/${name}`);
    }
  });

  describe.skipIf(!isSocket(PODMAN))('podman save (compat API load, compat and libpod get)', () => {
    const name = `localhost/${repo}:${tag}`;
    beforeAll(async () => {
      const loaded = await socketRequest(PODMAN, 'POST', '/v1.41/images/load', await readFile(dockerArchive));
      expect(loaded.status).toBe(200);
    });
    afterAll(async () => {
      await socketRequest(PODMAN, 'DELETE', `/v4.3.1/libpod/images/${name}`);
    });

    // The compat GET /images/{name}/get offers docker-archive only; libpod's get takes ?format=
    // oci-archive | docker-archive | oci-dir | docker-dir (the last is skopeo's dir: form, not a layout).
    it.each([
      ['compat docker-archive', `/v1.41/images/${name}/get`, 'docker-archive'],
      ['libpod docker-archive', `/v4.3.1/libpod/images/${name}/get?format=docker-archive`, 'docker-archive'],
      ['libpod oci-archive', `/v4.3.1/libpod/images/${name}/get?format=oci-archive`, 'oci-layout'],
      ['libpod oci-dir', `/v4.3.1/libpod/images/${name}/get?format=oci-dir`, 'oci-layout'],
    ])('%s', async (label, path, format) => {
      const saved = await socketRequest(PODMAN, 'GET', path);
      expect(saved.status).toBe(200);
      const file = join(work.dir, `podman-${label.replace(/ /g, '-')}.tar`);
      await writeFile(file, saved.body);
      const report = await validateImage(file);
      expect(report.format).toBe(format);
      expect(report.defects).toEqual([]);
    });
  });
});
