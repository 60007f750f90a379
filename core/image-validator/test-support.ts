import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';

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
