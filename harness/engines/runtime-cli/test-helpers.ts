import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { EngineEndpoint } from '../types.js';

/** The runtimes the tests drive, each skipped when its binary is absent. */
export const RUNTIMES: readonly EngineEndpoint[] = [
  { name: 'runc', family: 'runtime-cli', address: '/usr/sbin/runc', source: 'test' },
  { name: 'crun', family: 'runtime-cli', address: '/usr/bin/crun', source: 'test' },
];

export const isRoot = process.getuid?.() === 0;
export const present = (e: EngineEndpoint): boolean => existsSync(e.address);

/** Gone means no such process, or a zombie nobody has reaped yet. */
export async function processGone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || /\) Z /.test(stat);
}

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes; returns the last answer. */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000; i++) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
