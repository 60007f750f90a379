import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, withArgs } from '../../core/engines/runtime-cli/bundle.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { repoRoot } from '../../core/repo-root.js';
import { waitFor } from '../../core/wait-for.js';
import { probePath } from '../../fixtures/images/index.js';
import { WORKSPACE_BASE } from '../../suites/oci-runtime/support/workspace.js';
import { labelledContainers, removeLabelled } from './leftovers.js';
import { ownProcess, removeRuntimeLeftovers, runtimeWorkspaces } from './runtime-leftovers.js';

const run = promisify(execFile);

/** Is `pid` a live process (not gone, not a zombie)? */
const running = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

const engineOf = (address: string): EngineDescription => ({
  name: 'rt',
  family: 'runtime-cli',
  address,
  source: 'test',
  product: 'rt',
  version: '1',
  capabilities: [],
});

/** A pid that is certainly gone: a process that ran and was reaped. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((r) => child.on('exit', r));
  return child.pid ?? 0;
}

/** A workspace as createWorkspace lays it out, with a container folder in its state root. */
async function workspace(
  base: string,
  name: string,
  pid: number,
  runtime: string,
  id = 'c1',
): Promise<string> {
  const root = join(base, name);
  await mkdir(join(root, 'state', id), { recursive: true });
  await mkdir(join(root, 'bundles'), { recursive: true });
  await writeFile(join(root, 'owner.json'), JSON.stringify({ pid, runtime, args: ['--global-flag'] }));
  return root;
}

describe('runtime-CLI leftovers (workspaces of the runtime suites)', () => {
  let base = '';
  let runtime = '';
  let calls = '';
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'shipshape-leftovers-'));
    // a fake runtime that records each call (the workspace's containers are deleted with it)
    calls = join(base, 'calls.log');
    runtime = join(base, 'fake-runtime');
    await writeFile(runtime, `#!/bin/sh\necho "$*" >> ${calls}\n`);
    await chmod(runtime, 0o755);
  });
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
  });
  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('tells this process and its children from other processes', () => {
    const child = spawn('sleep', ['30']);
    children.push(child);
    expect(ownProcess(process.pid)).toBe(true);
    expect(ownProcess(child.pid ?? -1)).toBe(true);
    expect(ownProcess(process.ppid)).toBe(false);
    expect(ownProcess(1)).toBe(false);
  });

  it("removes the workspaces of gone owners and of this process's children, with their containers", async () => {
    const spaces = join(base, 'spaces');
    await mkdir(spaces);
    const child = spawn('sleep', ['30']);
    children.push(child);
    const gone = await workspace(spaces, 'gone', await deadPid(), runtime, 'ssoci-x-run-1');
    const mine = await workspace(spaces, 'mine', child.pid ?? -1, runtime);
    const other = await workspace(spaces, 'other', process.ppid, runtime); // a live process not ours
    const before = await workspace(spaces, 'before', await deadPid(), runtime);
    const otherRuntime = await workspace(spaces, 'crun', await deadPid(), '/usr/bin/not-this-one');
    const engine = engineOf(runtime);

    expect(runtimeWorkspaces(engine, spaces).map((w) => w.root)).toEqual([before, gone, mine, other]);
    const removed = removeRuntimeLeftovers(engine, new Set([before]), spaces);
    expect(removed.sort()).toEqual([gone, mine]);
    for (const dir of [gone, mine]) expect(existsSync(dir)).toBe(false);
    for (const dir of [other, before, otherRuntime]) expect(existsSync(dir)).toBe(true);
    // each container in a removed state root was force-deleted with the workspace's runtime and flags
    const log = await readFile(calls, 'utf8');
    expect(log).toContain(`--global-flag --root ${gone}/state delete --force ssoci-x-run-1`);
    expect(log).toContain(`--global-flag --root ${mine}/state delete --force c1`);
    expect(log).not.toContain(other);
  });

  it('the run cleanup and `shipshape clean` see the workspaces of a runtime CLI (under WORKSPACE_BASE)', async () => {
    // a fake runtime path of its own: only the workspaces this test makes match it
    const engine = engineOf(runtime);
    await mkdir(WORKSPACE_BASE, { recursive: true });
    const stale = await workspace(
      WORKSPACE_BASE,
      `${await deadPid()}-leftover-test`,
      await deadPid(),
      runtime,
    );
    try {
      expect(await labelledContainers(engine)).toEqual([stale]);
      expect(await removeLabelled(engine, new Set([stale]))).toEqual([]);
      expect(await removeLabelled(engine)).toEqual([stale]);
      expect(existsSync(stale)).toBe(false);
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });
});

const RUNC = '/usr/sbin/runc';
const main = join(repoRoot(), 'dist', 'cli', 'main.js');
const cleanUnusable =
  process.getuid?.() !== 0
    ? 'not root: runc needs root to create the container left behind'
    : !existsSync(RUNC)
      ? `no runc at ${RUNC}`
      : !existsSync(probePath())
        ? `the probe is not built (${probePath()}): npm run build`
        : !existsSync(main)
          ? `the CLI is not built (${main}): npm run build`
          : undefined;

describe('shipshape clean --engine runc', () => {
  it('removes a workspace a killed run left: its running container is deleted and its folder removed', async (ctx) => {
    if (cleanUnusable) ctx.skip(cleanUnusable);
    await mkdir(WORKSPACE_BASE, { recursive: true });
    const root = await mkdtemp(join(WORKSPACE_BASE, 'cleantest-'));
    const id = `ssoci-cleantest-${process.pid}`;
    const state = join(root, 'state');
    let owner: ChildProcess | undefined;
    try {
      await mkdir(state);
      await mkdir(join(root, 'bundles'));
      // owned by a live process while it is set up (so no other run's sweep takes it), then the owner dies
      const sleeper = spawn('sleep', ['120']);
      owner = sleeper;
      const ownerGone = new Promise((r) => sleeper.on('exit', r));
      await writeFile(
        join(root, 'owner.json'),
        JSON.stringify({ pid: sleeper.pid, runtime: RUNC, args: [] }),
      );
      const bundle = await buildBundle(
        join(root, 'bundles', id),
        { rootfs: { binaries: { '/bin/probe': probePath() } } },
        withArgs('/bin/probe', 'sleep', '120'),
      );
      await run(RUNC, ['--root', state, 'run', '--detach', '--bundle', bundle.dir, id], { timeout: 30_000 });
      const listed = JSON.parse((await run(RUNC, ['--root', state, 'list', '--format', 'json'])).stdout) as {
        id: string;
        pid: number;
      }[];
      const pid = listed.find((c) => c.id === id)?.pid ?? 0;
      expect(pid).toBeGreaterThan(0);

      const dry = await run(process.execPath, [main, 'clean', '--engine', 'runc', '--dry-run'], {
        timeout: 60_000,
      });
      expect(dry.stdout).toContain(root);
      expect(existsSync(root)).toBe(true);
      sleeper.kill('SIGKILL');
      await ownerGone;
      const cleaned = await run(process.execPath, [main, 'clean', '--engine', 'runc'], { timeout: 60_000 });
      expect(cleaned.stdout).toMatch(/runc: removed \d+ workspace\(s\)/);
      expect(existsSync(root)).toBe(false);
      // killed by the forced delete: gone, or a zombie its new parent has not reaped yet
      await waitFor(() => !running(pid), {
        timeoutMs: 10_000,
        describe: `the container process ${pid} to end`,
      });
    } finally {
      owner?.kill('SIGKILL');
      await run(RUNC, ['--root', state, 'delete', '--force', id]).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
