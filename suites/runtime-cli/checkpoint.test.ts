import { readdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { cli, hostDir, session } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import { contract, lastTick, runLogged, startTicker, useRuntimeCli } from './support/index.js';

useRuntimeCli();
// Only where CRIU is installed and the runtime has the commands: skipped with that reason otherwise.
const opts = (...ids: string[]) => ({
  ...contract('checkpoint', ...ids),
  needs: ['runtime.checkpoint' as const],
});

const checkpoint = async (id: string, extra: string[] = []) => {
  const image = await hostDir('image');
  const r = await runLogged(['checkpoint', '--image-path', image, ...extra, id], { output: 'ignore' });
  expect(r.exitCode, r.log.map((l) => l.text).join('\n')).toBe(0);
  return image;
};

describe('checkpoint and restore (CRIU)', () => {
  conformance('checkpoint writes an image and stops the container', opts('checkpoint.image'), async () => {
    const t = await startTicker('ckpt');
    const image = await checkpoint(t.id);
    expect((await readdir(image)).length).toBeGreaterThan(0);
    const state = await cli()
      .state(t.id)
      .catch(() => undefined);
    expect(state === undefined || state.status === 'stopped').toBe(true);
  });

  conformance('--leave-running keeps the container running', opts('checkpoint.leave-running'), async () => {
    const t = await startTicker('ckptlive');
    await checkpoint(t.id, ['--leave-running']);
    expect((await cli().state(t.id)).status).toBe('running');
    const at = await lastTick(t.ticks);
    await waitFor(async () => (await lastTick(t.ticks)) > at, {
      timeoutMs: 5000,
      intervalMs: 20,
      describe: 'the ticker to go on',
    });
  });

  conformance('restore brings the container back where it stopped', opts('restore.resumes'), async () => {
    const t = await startTicker('restore');
    const image = await checkpoint(t.id);
    const at = await lastTick(t.ticks);
    await cli().delete(t.id, { force: true });
    const r = await runLogged(
      ['restore', '--detach', '--image-path', image, '--bundle', t.bundle.dir, t.id],
      { output: 'ignore' },
    );
    session().cleanup.defer(`delete restored ${t.id}`, () =>
      cli()
        .delete(t.id, { force: true })
        .catch(() => {}),
    );
    expect(r.exitCode, r.log.map((l) => l.text).join('\n')).toBe(0);
    expect((await cli().state(t.id)).status).toBe('running');
    await waitFor(async () => (await lastTick(t.ticks)) > at + 1, {
      timeoutMs: 10_000,
      intervalMs: 20,
      describe: 'the restored ticker to count on',
    });
  });
});
