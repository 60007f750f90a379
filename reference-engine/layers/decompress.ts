import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidArgument } from '../errors.js';

export type Compression = 'none' | 'gzip' | 'zstd';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** Which compression a layer blob uses, from its first bytes (media types are not trusted for this). */
export function detectCompression(head: Buffer): Compression {
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'gzip';
  if (head.subarray(0, 4).equals(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/** Reads the first bytes of `input` (up to 4) without losing them: returns them plus the whole stream. */
async function peek(input: Readable): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.iterator({ destroyOnReturn: false })) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    chunks.push(buf);
    size += buf.length;
    if (size >= 4) break;
  }
  const head = Buffer.concat(chunks);
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  stream.write(head);
  input.on('error', (err) => stream.destroy(err));
  input.pipe(stream);
  return { head, stream };
}

/**
 * Streams the decompressed tar of a layer blob, whatever its compression.
 *
 * zstd: Node 20's zlib has no zstd, and adding an npm binding is not allowed here (zstd-napi is pre-1.0,
 * @mongodb-js/zstd only does whole buffers). The `zstd` binary (Debian package zstd) streams with normal
 * pipe backpressure, runs on the other core in parallel with tar parsing, and is killed when we stop.
 */
export async function decompressed(input: Readable): Promise<{ tar: Readable; compression: Compression }> {
  const { head, stream } = await peek(input);
  const compression = detectCompression(head);
  if (compression === 'none') return { tar: stream, compression };
  if (compression === 'gzip') {
    const gunzip = createGunzip({ chunkSize: 1 << 16 });
    stream.on('error', (err) => gunzip.destroy(err));
    return { tar: stream.pipe(gunzip), compression };
  }
  return { tar: zstdDecompress(stream), compression };
}

function zstdDecompress(stream: Readable): Readable {
  const child = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  // Ends only once zstd has exited 0, so a corrupt stream is an error, never a silently short tar.
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-2000);
  });
  child.on('error', (err) =>
    out.destroy(
      new InvalidArgument(`cannot run zstd to decompress the layer (install zstd): ${err.message}`),
    ),
  );
  child.stdin.on('error', () => {}); // EPIPE when zstd exits early: reported through its exit status
  stream.on('error', (err) => {
    child.kill('SIGKILL');
    out.destroy(err);
  });
  stream.pipe(child.stdin);
  child.stdout.pipe(out, { end: false });
  // The consumer gave up (refused entry, error): zstd must not outlive it.
  out.on('close', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  void once(child, 'close').then(([code]) => {
    if (code === 0) out.end();
    else out.destroy(new InvalidArgument(`zstd failed (${code ?? 'killed'}): ${stderr.trim()}`));
  });
  return out;
}
