import { open, realpath, stat } from 'node:fs/promises';
import { ImageReadError } from '../errors.js';
import type { PlatformSpec } from '../platform.js';
import type { ImageSource } from '../source-types.js';
import type { Limits } from '../types.js';
import { DirectorySource } from './directory.js';
import { RegistrySource } from './registry.js';
import { looksLikeRegistryRef, parseRegistryRef } from './registry-ref.js';
import { TarSource } from './tar-archive.js';

/**
 * Open a directory, a tar or a gzip-compressed tar, or an image in a registry (an http(s) URL, or
 * `host:port/name:tag` when no such path exists); anything else is an ImageReadError.
 */
export async function openSource(
  target: string,
  limits: Limits,
  signal: AbortSignal,
  platform?: PlatformSpec,
): Promise<ImageSource> {
  const registry = () => new RegistrySource(parseRegistryRef(target), limits, signal, platform);
  if (/^https?:\/\//i.test(target)) return registry();
  const info = await stat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' && looksLikeRegistryRef(target)) return undefined;
    throw new ImageReadError(target, err.code === 'ENOENT' ? 'no such file or directory' : err.message, err);
  });
  if (info === undefined) return registry();
  const real = await realpath(target);
  if (info.isDirectory()) return new DirectorySource(real, limits, signal);
  if (!info.isFile()) throw new ImageReadError(target, 'not a directory or a regular file');
  const head = await readHead(real).catch((err: Error) => {
    throw new ImageReadError(target, err.message, err);
  });
  if (head[0] === 0x1f && head[1] === 0x8b) return new TarSource(real, true, limits, signal);
  if (isTarHeader(head)) return new TarSource(real, false, limits, signal);
  throw new ImageReadError(target, 'neither a directory nor a tar archive');
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A 512-byte ustar/v7 header whose checksum field matches its bytes. */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  const field = block
    .subarray(148, 156)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === Number.parseInt(field, 8);
}
