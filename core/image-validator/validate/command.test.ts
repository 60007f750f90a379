import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLayout } from '../../../fixtures/broken-images/build-layout.js';
import { writeDir } from '../../../fixtures/broken-images/write-files.js';
import { tempDir } from '../test-support.js';
import { runValidateImage } from './command.js';

let work: Awaited<ReturnType<typeof tempDir>>;
function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

beforeAll(async () => {
  work = await tempDir('shipshape-cmd-');
  await writeDir(await buildLayout(), join(work.dir, 'valid'));
  await writeDir(await buildLayout({ config: ({ os: _os, ...rest }) => rest }), join(work.dir, 'no-os'));
});
afterAll(async () => {
  await work.cleanup();
});

describe('runValidateImage', () => {
  it('exits 0 for a valid layout and prints a summary', async () => {
    const c = collect();
    expect(await runValidateImage({ target: join(work.dir, 'valid') }, c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/valid\n0 error\(s\), 0 warning\(s\)$/);
  });

  it('exits 1 for an invalid layout, printing path, rule, message and spec section', async () => {
    const c = collect();
    expect(await runValidateImage({ target: join(work.dir, 'no-os') }, c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(
      /error +blobs\/sha256\/[0-9a-f]{64}# +\[image:config\.os\] .*os.* \(config\.md#properties\)/,
    );
  });

  it('prints the report as JSON with --json', async () => {
    const c = collect();
    expect(await runValidateImage({ target: join(work.dir, 'no-os'), json: true }, c.io)).toBe(1);
    const report = JSON.parse(c.out.join(''));
    expect(report).toMatchObject({ valid: false, format: 'oci-layout' });
    expect(report.defects[0]).toMatchObject({
      ruleId: 'image:config.os',
      severity: 'error',
      spec: 'config.md#properties',
    });
  });

  it('exits 2 when the target cannot be read', async () => {
    const c = collect();
    expect(await runValidateImage({ target: join(work.dir, 'missing') }, c.io)).toBe(2);
    expect(c.err.join('')).toContain('cannot read image');
    await mkdir(join(work.dir, 'd'));
    await writeFile(join(work.dir, 'd/f'), 'x');
    const j = collect();
    expect(await runValidateImage({ target: join(work.dir, 'd/f'), json: true }, j.io)).toBe(2);
    expect(JSON.parse(j.out.join(''))).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
