import { describe, expect } from 'vitest';
import { conformance, target, waitFor } from '../support/index.js';
import { WAIT_MS, waitForState } from './support/checks.js';
import { useLifecycle } from './support/fixture.js';
import { noRestartReason, restartCommand, restartDaemon } from './support/restart-daemon.js';

const { engine, run } = useLifecycle();

describe('daemon restart', () => {
  conformance(
    'with live-restore a running container survives a daemon restart with the same pid and can be stopped',
    {
      tags: ['lifecycle', 'live-restore'],
      requirements: ['lifecycle:live-restore.keeps-running', 'docker-api:SystemInfo.LiveRestoreEnabled'],
      needs: ['live-restore'],
      timeout: 120_000,
    },
    async (ctx) => {
      const command = restartCommand(target());
      if (command === undefined) ctx.skip(noRestartReason(target()));
      const id = await run(['sleep', '300']);
      const before = await waitForState(engine, id, 'running');
      await restartDaemon(command as string);
      const after = await waitFor(() => engine.inspectState(id).catch(() => undefined), {
        timeoutMs: WAIT_MS,
        describe: 'the engine to answer after its restart',
      });
      expect(after).toMatchObject({ status: 'running', pid: before.pid });
      await engine.stop(id, 2);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(137);
    },
  );
});
