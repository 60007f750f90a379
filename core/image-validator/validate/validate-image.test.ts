import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLayout } from '../../../fixtures/broken-images/build-layout.js';
import { tarOfFiles, writeDir } from '../../../fixtures/broken-images/write-files.js';
import { TimeoutError } from '../../errors.js';
import { ImageReadError } from '../errors.js';
import { tempDir } from '../test-support.js';
import { validateImage } from './validate-image.js';

let work: Awaited<ReturnType<typeof tempDir>>;
const at = (name: string) => join(work.dir, name);

beforeAll(async () => {
  work = await tempDir('shipshape-validate-');
});
afterAll(async () => {
  await work.cleanup();
});

describe('validateImage on our own valid layout', () => {
  it('passes clean as a directory, a tar and a gzip tar', async () => {
    const files = await buildLayout();
    await writeDir(files, at('valid'));
    const tar = await tarOfFiles(files);
    await writeFile(at('valid.tar'), tar);
    await writeFile(at('valid.tar.gz'), gzipSync(tar));
    for (const [target, container] of [
      ['valid', 'directory'],
      ['valid.tar', 'tar'],
      ['valid.tar.gz', 'tar'],
    ]) {
      const report = await validateImage(at(target as string));
      expect(report).toMatchObject({ valid: true, format: 'oci-layout', container, defects: [] });
    }
  });

  it('still hashes blobs but reads no layer when skipLayerContents is set', async () => {
    const wrong = (c: Record<string, unknown>) => {
      const ids = (c.rootfs as { diff_ids: string[] }).diff_ids;
      return { ...c, rootfs: { type: 'layers', diff_ids: [ids[1], ids[1]] } };
    };
    await writeDir(await buildLayout({ config: wrong }), at('skip'));
    expect((await validateImage(at('skip'))).defects.map((d) => d.ruleId)).toEqual(['image:layer.diff_id']);
    expect((await validateImage(at('skip'), { skipLayerContents: true })).defects).toEqual([]);
  });
});

describe('validateImage on a docker 25+ save (an OCI layout carrying manifest.json)', () => {
  it('checks both views and passes clean; a broken manifest.json is still caught', async () => {
    const files = await buildLayout();
    const blob = (digest: string) => `blobs/sha256/${digest.slice(7)}`;
    const index = JSON.parse(String(files.get('index.json')));
    const manifest = JSON.parse(String(files.get(blob(index.manifests[0].digest))));
    const entry = {
      Config: blob(manifest.config.digest),
      RepoTags: ['shipshape/valid:latest'],
      Layers: manifest.layers.map((l: { digest: string }) => blob(l.digest)),
    };
    files.set('manifest.json', Buffer.from(JSON.stringify([entry])));
    await writeFile(at('docker25.tar'), await tarOfFiles(files));
    expect(await validateImage(at('docker25.tar'))).toMatchObject({
      format: 'oci-layout+docker-archive',
      defects: [],
    });
    files.set('manifest.json', Buffer.from(JSON.stringify([{ ...entry, Layers: ['blobs/sha256/gone'] }])));
    await writeFile(at('docker25-bad.tar'), await tarOfFiles(files));
    const bad = await validateImage(at('docker25-bad.tar'));
    expect(bad.defects.map((d) => d.ruleId)).toContain('docker:file.missing');
  });
});

describe('validateImage on input it cannot read', () => {
  it('throws ImageReadError (exit 2) for a missing path and for a file that is no archive', async () => {
    await expect(validateImage(at('nope'))).rejects.toBeInstanceOf(ImageReadError);
    await writeFile(at('text.txt'), 'just some text, not a tar\n'.repeat(40));
    await expect(validateImage(at('text.txt'))).rejects.toMatchObject({ exitCode: 2 });
  });

  it('reports every missing part of an empty directory', async () => {
    await mkdir(at('empty'));
    const report = await validateImage(at('empty'));
    expect(report.valid).toBe(false);
    expect(report.defects.map((d) => d.ruleId).sort()).toEqual([
      'image:layout.blobs',
      'image:layout.index-json',
      'image:layout.oci-layout',
    ]);
  });

  it('does not open a FIFO inside the layout (it would block forever)', async () => {
    await writeDir(await buildLayout(), at('fifo'));
    await execa('mkfifo', [at('fifo/blobs/sha256/pipe')], { timeout: 10_000 });
    const report = await validateImage(at('fifo'), { timeoutMs: 20_000 });
    expect(report.defects).toContainEqual(
      expect.objectContaining({ ruleId: 'image:layout.file-type', severity: 'warning' }),
    );
  });

  it('follows a symlink that stays inside the layout', async () => {
    const files = await buildLayout();
    await writeDir(files, at('inside'));
    const blob = [...files.keys()].find((p) => p.startsWith('blobs/sha256/')) as string;
    await writeFile(at('inside/spare'), files.get(blob) as Buffer);
    const { rm } = await import('node:fs/promises');
    await rm(at(`inside/${blob}`));
    await symlink('../../spare', at(`inside/${blob}`));
    expect((await validateImage(at('inside'))).defects).toEqual([]);
  });

  it('turns a deeply nested non-manifest JSON document into a defect, not a crash', async () => {
    const deep = Buffer.from(`${'['.repeat(500_000)}${']'.repeat(500_000)}`);
    await writeDir(await buildLayout({ manifestBytes: () => deep }), at('deep'));
    const report = await validateImage(at('deep'));
    expect(report.valid).toBe(false);
    expect(report.defects.map((d) => d.ruleId)).toContain('image:manifest');
  });

  it('stops at its deadline with a TimeoutError', async () => {
    const files = await buildLayout();
    for (let i = 0; i < 300; i++) files.set(`extra/file-${i}`, Buffer.from(String(i)));
    await writeDir(files, at('many'));
    await expect(validateImage(at('many'), { timeoutMs: 1 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('stops scanning at maxFiles and says so', async () => {
    const report = await validateImage(at('many'), { maxFiles: 10 });
    expect(report.defects).toContainEqual(expect.objectContaining({ ruleId: 'shipshape:limit' }));
  });
});
