import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectStaysOut, WAIT_MS, waitForState } from './support/checks.js';
import type { RestartPolicySpec } from './support/engine.js';
import { useLifecycle } from './support/fixture.js';

const { engine, make, run } = useLifecycle();
const tags = ['lifecycle', 'restart'];
const req = (policy: string) => [`lifecycle:restart.${policy}`, 'docker-api:ContainerCreate'];
/** How long a restart that should not come is watched for (Docker's first back-off is 100 ms). */
const QUIET_MS = 3_000;

// Concurrent: each test watches its own container through back-off waits and quiet windows of
// seconds, and run one after the other they made this file most of the lifecycle suite's time.
describe.concurrent('restart policies', () => {
  conformance(
    'restart policy no: an exit 1 is not restarted',
    { tags, needs: ['containers.restart-policy'], requirements: req('no') },
    async () => {
      const id = await run(['exit', '1'], { restartPolicy: { name: 'no' } });
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(1);
      const s = await expectStaysOut(
        engine,
        id,
        (x) => x.status !== 'exited' || x.restartCount !== 0,
        QUIET_MS,
      );
      expect(s).toMatchObject({ status: 'exited', restartCount: 0, exitCode: 1 });
    },
  );

  for (const max of [1, 3]) {
    conformance(
      `restart policy on-failure:${max}: exit 1 is restarted ${max} times, then it stays exited`,
      { tags, needs: ['containers.restart-policy'], requirements: req('on-failure') },
      async () => {
        const policy: RestartPolicySpec = { name: 'on-failure', maxRetries: max };
        const id = await run(['exit', '1'], { restartPolicy: policy });
        await waitForState(engine, id, 'exited', (s) => s.restartCount === max);
        const s = await expectStaysOut(
          engine,
          id,
          (x) => x.restartCount !== max || x.status !== 'exited',
          QUIET_MS,
        );
        expect(s).toMatchObject({ exitCode: 1, restartCount: max });
      },
    );
  }

  conformance(
    'restart policy on-failure: exit 0 is not restarted',
    { tags, needs: ['containers.restart-policy'], requirements: req('on-failure') },
    async () => {
      const id = await run(['exit', '0'], { restartPolicy: { name: 'on-failure', maxRetries: 3 } });
      await waitForState(engine, id, 'exited');
      const s = await expectStaysOut(
        engine,
        id,
        (x) => x.status !== 'exited' || x.restartCount !== 0,
        QUIET_MS,
      );
      expect(s).toMatchObject({ exitCode: 0, restartCount: 0 });
    },
  );

  conformance(
    'restart policy on-failure: a container stopped by the user is not restarted despite its exit code',
    { tags, needs: ['containers.restart-policy'], requirements: req('on-failure') },
    async () => {
      const id = await run(['sigwait', '--exit-on', 'SIGTERM'], { restartPolicy: { name: 'on-failure' } });
      await waitForState(engine, id, 'running');
      await engine.stop(id, 20);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(143);
      const s = await expectStaysOut(
        engine,
        id,
        (x) => x.status !== 'exited' || x.restartCount !== 0,
        QUIET_MS,
      );
      expect(s).toMatchObject({ exitCode: 143, restartCount: 0 });
    },
  );

  for (const name of ['always', 'unless-stopped'] as const) {
    conformance(
      `restart policy ${name}: restarts after a clean exit and stops for good when the user stops it`,
      { tags, needs: ['containers.restart-policy'], requirements: req(name) },
      async () => {
        // Runs about a second each time, so the stop below meets a running container.
        const id = await run(['sleep', '1'], { restartPolicy: { name } });
        const restarted = await waitForState(engine, id, 'running', (s) => (s.restartCount ?? 0) >= 2);
        await engine.stop(id, 1);
        const stopped = await waitForState(engine, id, 'exited');
        expect(stopped.restartCount ?? 0).toBeGreaterThanOrEqual(restarted.restartCount ?? 0);
        const count = stopped.restartCount;
        await expectStaysOut(engine, id, (x) => x.status !== 'exited' || x.restartCount !== count, QUIET_MS);
      },
    );
  }

  for (const code of [0, 3]) {
    conformance(
      `AutoRemove: a container that exits ${code} is removed and wait(removed) reports ${code}`,
      {
        tags,
        needs: ['containers.auto-remove'],
        requirements: ['lifecycle:auto-remove', 'docker-api:ContainerWait'],
      },
      async () => {
        const id = await make(['sh', '-c', `sleep 0.5; exit ${code}`], { autoRemove: true });
        // As `docker run --rm` does: wait first, so the container cannot be gone before the wait.
        const waiting = engine.wait(id, WAIT_MS, 'removed');
        await engine.start(id);
        expect((await waiting).exitCode).toBe(code);
        await waitForState(engine, id, 'removed');
      },
    );
  }
});
