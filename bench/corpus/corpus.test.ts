import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTar } from '../../core/tar/index.js';
import { contentChunks } from './content.js';
import { CORPUS_NAMES, corpusEntries, corpusTotals } from './corpora.js';
import { digestStream } from './digest.js';
import { FIXED_MTIME, layerTarStream } from './tar.js';

const layer = (name: (typeof CORPUS_NAMES)[number], seed: number) =>
  layerTarStream(corpusEntries(name, seed, 'quick'));

interface Seen {
  name: string;
  type: string;
  size: number;
  linkname?: string | null;
  mtime?: Date;
  uid?: number;
  gid?: number;
  sha256?: string;
}

async function listTar(stream: Readable): Promise<Seen[]> {
  return (await readTar(stream)).map(({ name, type, size, linkname, mtime, uid, gid, content }) => ({
    name,
    type,
    size,
    linkname: linkname ?? null,
    mtime,
    uid,
    gid,
    sha256: createHash('sha256').update(content).digest('hex'),
  }));
}

describe('corpus layers', () => {
  it.each(CORPUS_NAMES)('%s: same seed gives byte-identical tar, another seed differs', async (name) => {
    const one = await digestStream(layer(name, 42));
    const two = await digestStream(layer(name, 42));
    const other = await digestStream(layer(name, 43));
    expect(one.bytes).toBeGreaterThan(1024);
    expect(two).toEqual(one);
    expect(other.sha256).not.toBe(one.sha256);
  });

  it('small files: 1-4 KiB each, fixed mtime and owner, content as generated', async () => {
    const entries = await listTar(layer('small-files', 7));
    const files = entries.filter((e) => e.type === 'file');
    expect(files).toHaveLength(200);
    expect(files.every((f) => f.size >= 1024 && f.size <= 4096)).toBe(true);
    expect(new Set(files.map((f) => f.size)).size).toBeGreaterThan(50);
    expect(
      entries.every((e) => e.mtime?.getTime() === FIXED_MTIME.getTime() && e.uid === 0 && e.gid === 0),
    ).toBe(true);
    const first = [...corpusEntries('small-files', 7, 'quick')].find((e) => e.type === 'file');
    if (first?.type !== 'file') throw new Error('no file entry');
    const expected = createHash('sha256');
    for (const c of contentChunks(first.content, first.seed, first.size)) expected.update(c);
    expect(files[0]?.name).toBe(first.path);
    expect(files[0]?.sha256).toBe(expected.digest('hex'));
    expect(corpusTotals(corpusEntries('small-files', 7, 'quick'))).toMatchObject({
      files: 200,
      directories: 3,
      bytes: files.reduce((s, f) => s + f.size, 0),
    });
  });

  it('links: hardlinks and symlinks with their targets', async () => {
    const entries = await listTar(layer('links', 1));
    expect(entries.filter((e) => e.type === 'link')).toHaveLength(20);
    expect(entries.find((e) => e.name === 'links/h3')).toMatchObject({ type: 'link', linkname: 'links/f3' });
    expect(entries.find((e) => e.name === 'links/s3')).toMatchObject({ type: 'symlink', linkname: 'f3' });
    expect(entries.find((e) => e.name === 'links/absolute')?.linkname).toBe('/etc/hostname');
    expect(entries.find((e) => e.name === 'links/dangling')?.type).toBe('symlink');
  });

  it('whiteouts: empty .wh. files and an opaque marker', async () => {
    const entries = await listTar(layer('whiteouts', 1));
    const wh = entries.filter((e) => e.name.split('/').at(-1)?.startsWith('.wh.'));
    expect(wh).toHaveLength(21);
    expect(wh.every((e) => e.type === 'file' && e.size === 0)).toBe(true);
    expect(entries.some((e) => e.name === 'wh/opaque/.wh..wh..opq')).toBe(true);
  });

  it('deep tree: names longer than 255 bytes survive (PAX)', async () => {
    const entries = await listTar(layer('deep-tree', 1));
    const deepest = entries.at(-1)?.name ?? '';
    expect(deepest.length).toBeGreaterThan(255);
    expect(deepest).toMatch(/^deep\/level0\/level1\/.*\/level39\/file\.txt$/);
  });

  it('text content compresses, random content does not', () => {
    const bytes = (kind: 'text' | 'random') => Buffer.concat([...contentChunks(kind, 5, 256 * 1024)]);
    const ratio = (b: Buffer) => b.length / gzipSync(b, { level: 6 }).length;
    expect(ratio(bytes('text'))).toBeGreaterThan(2.5);
    expect(ratio(bytes('random'))).toBeLessThan(1.01);
    expect(bytes('text').equals(bytes('text'))).toBe(true);
  });

  it('streams a 1 GiB corpus lazily: the first MiBs arrive fast and memory stays bounded', async () => {
    const heapBefore = process.memoryUsage().rss;
    const stream = layerTarStream(corpusEntries('large-files', 1, 'full', { count: 4, size: 1024 ** 3 }));
    let got = 0;
    for await (const chunk of stream) {
      got += (chunk as Buffer).length;
      if (got >= 8 * 1024 * 1024) break; // leaving the loop destroys the stream and stops the producer
    }
    expect(got).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(stream.destroyed).toBe(true);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
