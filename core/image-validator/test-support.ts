import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { type FakeServer, reply, startFake } from '../engines/registry/fake-server.js';

/** True when `path` is a unix socket (a peer engine is listening there, or was). */
export function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** One HTTP request over a unix socket with a deadline; the whole body is read (test images are tiny). */
export async function socketRequest(
  socketPath: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: Buffer,
  timeoutMs = 60_000,
): Promise<{ status: number; body: Buffer }> {
  const dispatcher = new Agent({
    connect: { socketPath },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  try {
    const headers = body ? { 'content-type': 'application/x-tar' } : undefined;
    const res = await request(`http://localhost${path}`, { method, body, headers, dispatcher });
    return { status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()) };
  } finally {
    await dispatcher.close();
  }
}

/** A temporary directory removed by the returned `cleanup`. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * `bytes` as one zstd frame of raw (stored) blocks: valid zstd that any decoder reads, made without an
 * encoder (RFC 8878 sections 3.1.1 and 3.1.1.2: frame header with a 128 KiB window, 3-byte block headers).
 */
export function zstdStored(bytes: Buffer): Buffer {
  const BLOCK = 128 * 1024;
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])];
  for (let at = 0; at < bytes.length || at === 0; at += BLOCK) {
    const block = bytes.subarray(at, at + BLOCK);
    const last = at + BLOCK >= bytes.length ? 1 : 0;
    const header = last | (0 << 1) | (block.length << 3); // block type 0: raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block);
    if (last) break;
  }
  return Buffer.concat(parts);
}

/** What a fake registry serves for one repository: manifests (by digest and tag) and blobs. */
export interface FakeRepo {
  manifests: Map<string, { bytes: Buffer; type: string; digestHeader?: string }>;
  tags: Map<string, string>;
  blobs: Map<string, Buffer>;
}

/** A tiny distribution-API server on 127.0.0.1 over `repos`: GET manifests (by tag or digest) and blobs. */
export function serveRepos(repos: Record<string, FakeRepo>): Promise<FakeServer> {
  return startFake((req, res) => {
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(req.url);
    const repo = m ? repos[m[1] ?? ''] : undefined;
    if (req.method !== 'GET' || !m || !repo)
      return reply(res, 404, {}, { errors: [{ code: 'NAME_UNKNOWN' }] });
    const ref = m[3] ?? '';
    if (m[2] === 'manifests') {
      const found = repo.manifests.get(repo.tags.get(ref) ?? ref);
      if (!found) return reply(res, 404, {}, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
      const digest = `sha256:${createHash('sha256').update(found.bytes).digest('hex')}`;
      res.writeHead(200, {
        'content-type': found.type,
        'content-length': String(found.bytes.length),
        'docker-content-digest': found.digestHeader ?? digest,
      });
      return res.end(found.bytes);
    }
    const blob = repo.blobs.get(ref);
    if (!blob) return reply(res, 404, {}, { errors: [{ code: 'BLOB_UNKNOWN' }] });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(blob.length) });
    res.end(blob);
  });
}
