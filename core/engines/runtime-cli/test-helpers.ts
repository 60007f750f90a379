import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { EngineError } from '../../errors.js';
import { pollFor } from '../../wait-for.js';
import type { EngineEndpoint } from '../types.js';
import type { RuntimeCli } from './runtime-cli.js';

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

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes (waitFor's loop); whether it held. */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const held = await pollFor(check, {
    timeoutMs,
    intervalMs: 20,
    describe: 'a test condition',
    retry: () => false,
  });
  return held === true;
}

/** A shell that exits 143 on SIGTERM even as pid 1 (which ignores signals it has no handler for). */
export const TERM_AWARE = ['sh', '-c', 'trap "exit 143" TERM; sleep 1000 & wait'];

/**
 * Walks ID (a bundle running TERM_AWARE) through create (pid written to PID_FILE), start, SIGTERM and
 * delete, checking state, list and the pid file at each step.
 */
export async function expectTermLifecycle(
  cli: RuntimeCli,
  id: string,
  bundleDir: string,
  pidFile: string,
): Promise<void> {
  await cli.create(id, bundleDir, { pidFile });
  const created = await cli.state(id);
  expect(created.status).toBe('created');
  expect(created.pid).toBeGreaterThan(0);
  expect(Number(await readFile(pidFile, 'utf8'))).toBe(created.pid);
  await cli.start(id);
  expect((await cli.waitForStatus(id, 'running', { timeoutMs: 5000 })).status).toBe('running');
  expect((await cli.list()).map((c) => c.id)).toContain(id);
  await cli.kill(id, 'SIGTERM');
  expect((await cli.waitForStatus(id, 'stopped', { timeoutMs: 10_000 })).status).toBe('stopped');
  await cli.delete(id);
  await expect(cli.state(id)).rejects.toBeInstanceOf(EngineError);
  expect((await cli.list()).map((c) => c.id)).not.toContain(id);
}

/** Runs ID (a bundle whose pid 1 ignores SIGTERM) detached, stops it with signal 9 by number, deletes it. */
export async function expectKillByNumber(cli: RuntimeCli, id: string, bundleDir: string): Promise<void> {
  await cli.run(id, bundleDir, { detach: true });
  expect((await cli.state(id)).status).toBe('running');
  await cli.kill(id, 9);
  expect((await cli.waitForStatus(id, 'stopped', { timeoutMs: 10_000 })).status).toBe('stopped');
  await cli.delete(id);
}
