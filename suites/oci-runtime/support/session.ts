import { afterAll, afterEach, beforeAll } from 'vitest';
import { RuntimeCli } from '../../../core/engines/runtime-cli/runtime-cli.js';
import { target } from '../../support/index.js';
import { CleanupTracker } from './cleanup.js';
import { unknownRequirementIds } from './id-check.js';
import { RUN_PREFIX } from './ids.js';
import { reapCgroups } from './reap.js';
import { createWorkspace, destroyWorkspaceSync, type Workspace } from './workspace.js';

/** Per-call deadline for runtime commands in these suites: a hung runtime fails the test, never the run. */
export const RUNTIME_CALL_TIMEOUT_MS = 15_000;

/**
 * The runtime under test, opened once per test file. Lifecycle: `openRuntime()` (or `useRuntime()`,
 * which registers it in beforeAll) -> tests use `cli`, register what they make on `cleanup` ->
 * afterEach runs `cleanup` -> `closeRuntime()` in afterAll force-deletes every container left in the
 * file's state root and removes its workspace (bundles, host dirs, state).
 */
export interface RuntimeSession {
  readonly cli: RuntimeCli;
  readonly workspace: Workspace;
  readonly cleanup: CleanupTracker;
}

let current: RuntimeSession | undefined;
const live = new Set<Workspace>();

const onSignal = (signal: NodeJS.Signals): void => {
  for (const ws of live) destroyWorkspaceSync(ws);
  live.clear();
  process.kill(process.pid, signal);
};
let handlersInstalled = false;

function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const ws of live) destroyWorkspaceSync(ws);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, onSignal);
}

/** Opens (once per file) the target runtime with a private state root; returns its client. */
export async function openRuntime(): Promise<RuntimeCli> {
  if (current) return current.cli;
  const engine = target();
  if (engine.family !== 'runtime-cli') {
    throw new Error(`oci-runtime suites need a runtime-cli engine, got ${engine.name} (${engine.family})`);
  }
  const workspace = await createWorkspace(engine.address, engine.args ?? []);
  live.add(workspace);
  installInterruptHandlers();
  const cli = await RuntimeCli.open(engine, {
    stateRoot: workspace.stateRoot,
    timeoutMs: RUNTIME_CALL_TIMEOUT_MS,
  });
  current = { cli, workspace, cleanup: new CleanupTracker() };
  return cli;
}

/** The open session; throws when `openRuntime()` has not run (e.g. used outside a test). */
export function session(): RuntimeSession {
  if (!current) throw new Error('no runtime session: call openRuntime() (or useRuntime()) first');
  return current;
}

/** Force-deletes everything the file made and removes its workspace. Safe to call twice. */
export async function closeRuntime(): Promise<void> {
  const s = current;
  if (!s) return;
  current = undefined;
  try {
    await s.cleanup.runAll().catch(() => {});
    await s.cli.close();
  } finally {
    destroyWorkspaceSync(s.workspace);
    live.delete(s.workspace);
    await reapCgroups(RUN_PREFIX);
  }
}

/**
 * Registers the session hooks for a test file: open in beforeAll, cleanup afterEach, close in afterAll.
 * The afterAll also fails the file loudly when a test names a requirement id missing from
 * requirements.ts (a typo would otherwise silently drop out of coverage).
 */
export function useRuntime(): void {
  beforeAll(async () => {
    await openRuntime();
  });
  afterEach(async () => {
    if (current) await current.cleanup.runAll();
  });
  // biome-ignore lint/correctness/noEmptyPattern: vitest parses the first argument as a fixture pattern
  afterAll(async ({}, file) => {
    await closeRuntime();
    const unknown = unknownRequirementIds(file);
    if (unknown.length > 0)
      throw new Error(`tests name requirement ids missing from requirements.ts: ${unknown.join(', ')}`);
  });
}

/** The file's runtime client (after `useRuntime()`'s beforeAll has run). */
export const cli = (): RuntimeCli => session().cli;

/** Force-deletes `id` after the current test (errors ignored: it may already be gone). */
export function trackContainer(id: string): string {
  const s = session();
  s.cleanup.defer(`delete ${id}`, () =>
    s.cli.delete(id, { force: true, timeoutMs: RUNTIME_CALL_TIMEOUT_MS }).catch(() => {}),
  );
  return id;
}
