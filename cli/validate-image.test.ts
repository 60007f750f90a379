import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';
import { buildImage, buildLayer, file, writeOciLayout } from '../fixtures/images/index.js';
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

describe('shipshape validate image', () => {
  let dir = '';
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
  });
  afterAll(async () => {
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

  it('exits 2 when the input cannot be read', async () => {
    const c = io();
    expect(await runCli(['validate', 'image', join(dir, 'missing')], c.cli)).toBe(2);
    expect(c.err()).toMatch(/cannot read image/);
  });
});
