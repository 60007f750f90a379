import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { ShipshapeError } from '../../core/errors.js';

export type Encoder = 'none' | 'gzip-1' | 'gzip-6' | 'gzip-9' | 'zstd';
export const ENCODERS: readonly Encoder[] = ['none', 'gzip-1', 'gzip-6', 'gzip-9', 'zstd'];

export type Availability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string };

/** First executable named `name` on PATH, like `which`. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** zstd needs the `zstd` binary (Debian package zstd); the others are built into Node. */
export function encoderAvailability(e: Encoder, path?: string): Availability {
  if (e !== 'zstd' || findExecutable('zstd', path)) return { available: true };
  return { available: false, reason: 'zstd binary not on PATH (Debian package: zstd); zstd corpora skipped' };
}

export interface EncodeOptions {
  /** zstd level (1-19). Default 3, zstd's own default. */
  readonly zstdLevel?: number;
}

/**
 * Compresses a tar stream. gzip uses node:zlib, whose header is fixed (mtime 0, no name, OS 3), so the
 * bytes depend only on the input and the zlib bundled with this Node. zstd runs `zstd -T1` (single
 * thread: same bytes for the same zstd version); it throws ENVIRONMENT when the binary is absent.
 */
export function encodeStream(input: Readable, e: Encoder, o: EncodeOptions = {}): Readable {
  if (e === 'none') return input;
  if (e !== 'zstd') {
    const level = Number(e.slice('gzip-'.length));
    return pipeline(input, createGzip({ level }), () => {});
  }
  const bin = findExecutable('zstd');
  if (!bin) throw new ShipshapeError('ENVIRONMENT', 'zstd binary not on PATH (Debian package: zstd)');
  const level = o.zstdLevel ?? 3;
  const child = spawn(bin, ['-q', '-c', `-${level}`, '-T1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = new PassThrough();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString();
  });
  const fail = (err: Error) => {
    child.kill('SIGKILL');
    out.destroy(err);
  };
  pipeline(input, child.stdin, (err) => {
    if (err) fail(err);
  });
  child.stdout.pipe(out, { end: false });
  child.on('error', fail);
  child.on('close', (code, signal) => {
    if (code === 0) out.end();
    else if (!out.destroyed)
      fail(new ShipshapeError('ENVIRONMENT', `zstd exited with ${code ?? signal}: ${stderr.trim()}`));
  });
  out.on('close', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return out;
}
