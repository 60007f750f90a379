import { realpathSync } from 'node:fs';
import { withHostname } from '../../../core/engines/runtime-cli/bundle.js';
import type { OciHookKind } from '../../../spec/oci-runtime.js';
import { HOOK_KINDS } from './features-schema.js';
import { type HookRecord, hookRecorder } from './hooks.js';
import { nsOf } from './host.js';
import { createLive, type LiveContainer, waitReady } from './live.js';
import { cli } from './session.js';

/** Hostname given to hooked containers, to tell the container's UTS namespace from the host's. */
export const HOOKED_HOSTNAME = 'hooked-container';

/** What one full create/start/kill/delete with every hook kind left behind. */
export interface HookedRun {
  readonly container: LiveContainer;
  readonly records: HookRecord[];
  /** Host pid and mount namespace of the container process, read after create. */
  readonly pid: number;
  readonly containerMnt: string | undefined;
  /** The first operation that failed, if any (later steps were skipped). */
  readonly failure?: string;
  /** Hook names logged when create returned, and when start returned. */
  readonly afterCreate: string[];
  readonly afterStart: string[];
  /** realpath of the bundle directory (kept: the directory itself goes at the end of the test). */
  readonly bundleReal: string;
}

/** Runs one container through the whole lifecycle with one recording hook of each kind. */
export async function runWithAllHooks(kinds: readonly OciHookKind[] = HOOK_KINDS): Promise<HookedRun> {
  const rec = await hookRecorder();
  const container = await createLive('hooked', {
    extras: rec.rootfs,
    options: [withHostname(HOOKED_HOSTNAME), rec.mount, ...kinds.map((k) => rec.on(k))],
    create: false,
  });
  let pid = 0;
  let containerMnt: string | undefined;
  let afterCreate: string[] = [];
  let afterStart: string[] = [];
  const step = async (what: string, fn: () => Promise<unknown>): Promise<string | undefined> =>
    fn().then(
      () => undefined,
      (err: unknown) => `${what}: ${(err as Error).message}`,
    );
  const failure =
    (await step('create', async () => {
      await cli().create(container.id, container.bundle.dir);
      afterCreate = await rec.names();
      pid = (await cli().state(container.id)).pid ?? 0;
      containerMnt = nsOf(pid, 'mnt');
    })) ??
    (await step('start', async () => {
      await cli().start(container.id);
      afterStart = await rec.names();
      await waitReady(container);
    })) ??
    (await step('stop', async () => {
      await cli().kill(container.id, 'SIGTERM');
      await cli().waitForStatus(container.id, 'stopped', { timeoutMs: 10_000 });
    })) ??
    (await step('delete', () => cli().delete(container.id)));
  const bundleReal = realpathSync(container.bundle.dir);
  const records = await rec.records();
  return { container, records, pid, containerMnt, failure, afterCreate, afterStart, bundleReal };
}
