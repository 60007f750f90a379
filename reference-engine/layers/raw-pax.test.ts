import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tarBuffer } from '../../core/tar/index.js';
import { errnoCode, native } from '../syscalls/index.js';
import { applyLayer } from './apply-layer.js';
import { diffTrees } from './diff-trees.js';
import { encodeRawPax, parseRecords, RawPaxScanner } from './raw-pax.js';

const isRoot = process.getuid?.() === 0;
/** VFS_CAP_REVISION_2, effective, permitted CAP_NET_BIND_SERVICE + CAP_SETFCAP (0x80 byte: not UTF-8). */
const CAPABILITY = Buffer.from([
  0x01, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const BINARY = Buffer.from([0xff, 0xfe, 0x80, 0x00, 0xc3, 0x28, 0x0a, 0x3d]);

async function collect(tar: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether this filesystem and user can set security.capability at all. */
function canSetCapability(dir: string): boolean {
  const probe = join(dir, 'cap-probe');
  writeFileSync(probe, '');
  try {
    native().lsetxattr(probe, 'security.capability', CAPABILITY, 0);
    return true;
  } catch (err) {
    return !['EPERM', 'EOPNOTSUPP', 'ENOTSUP'].includes(errnoCode(err) ?? '');
  } finally {
    rmSync(probe);
  }
}

describe('raw PAX records', () => {
  it('encodes binary values byte-exactly and the scanner hands them out per entry in tar-stream order', async () => {
    const records: Array<[string, Buffer]> = [
      ['mtime', Buffer.from('1.5')],
      ['SCHILY.xattr.user.bin', BINARY],
    ];
    const pax = encodeRawPax(records, 1);
    expect([...parseRecords(pax.subarray(512))]).toEqual(records);
    const plain = await tarBuffer([{ name: 'first', content: 'a' }]);
    const second = await tarBuffer([{ name: `${'d'.repeat(120)}/second`, content: 'bb' }]);
    // first entry: none; second: our raw PAX header ahead of a tar-stream entry (no trailer between)
    const tar = Buffer.concat([plain.subarray(0, 1024), pax, second]);
    const scanner = new RawPaxScanner();
    for (let at = 0; at < tar.length; at += 77) scanner.feed(tar.subarray(at, at + 77)); // odd chunking
    const parser = extract();
    Readable.from([tar]).pipe(parser);
    const seen: Array<[string, Buffer | undefined]> = [];
    for await (const entry of parser) {
      seen.push([entry.header.name, scanner.take().get('user.bin')]);
      entry.resume();
    }
    expect(seen).toEqual([
      ['first', undefined],
      [`${'d'.repeat(120)}/second`, BINARY],
    ]);
  });

  describe('through diff and apply', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'shipshape-xattr-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps a binary user xattr and a long name intact', async () => {
      const lower = join(dir, 'lower');
      const upper = join(dir, 'upper');
      const long = `${'n'.repeat(90)}/${'m'.repeat(90)}/file-with-a-long-name`;
      mkdirSync(lower);
      mkdirSync(join(upper, long, '..'), { recursive: true });
      writeFileSync(join(upper, long), 'x');
      native().lsetxattr(join(upper, long), 'user.bin', BINARY, 0);
      const applied = join(dir, 'applied');
      mkdirSync(applied);
      await applyLayer(applied, diffTrees(lower, upper), { whiteouts: 'remove' });
      expect(native().lgetxattr(join(applied, long), 'user.bin')).toEqual(BINARY);
    });

    it.skipIf(!isRoot)(
      'round-trips a binary security.capability through diff and apply (root only)',
      async (t) => {
        if (!canSetCapability(dir)) t.skip('this filesystem does not support security.capability');
        const lower = join(dir, 'lower');
        const upper = join(dir, 'upper');
        mkdirSync(lower);
        mkdirSync(join(upper, 'bin'), { recursive: true });
        writeFileSync(join(upper, 'bin/ping'), '#!/bin/true\n', { mode: 0o755 });
        native().lsetxattr(join(upper, 'bin/ping'), 'security.capability', CAPABILITY, 0);
        const tar = await collect(diffTrees(lower, upper));
        expect(
          tar.includes(Buffer.concat([Buffer.from('SCHILY.xattr.security.capability='), CAPABILITY])),
        ).toBe(true);
        const applied = join(dir, 'applied');
        mkdirSync(applied);
        await applyLayer(applied, Readable.from([tar]), { whiteouts: 'remove' });
        expect(native().lgetxattr(join(applied, 'bin/ping'), 'security.capability')).toEqual(CAPABILITY);
      },
    );
  });
});
