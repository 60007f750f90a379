import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { WAIT_MS, waitForLog, waitForState } from './support/checks.js';
import { useLifecycle } from './support/fixture.js';
import { RUN_ID } from './support/names.js';

const { engine, make, run } = useLifecycle();

describe('logs and concurrency', () => {
  conformance(
    'logs of stdout and stderr can be read after the container exited',
    { tags: ['lifecycle', 'logs'], requirements: ['lifecycle:logs.after-exit', 'docker-api:ContainerLogs'] },
    async () => {
      const id = await run(['sh', '-c', `echo out-${RUN_ID}; stderr err-${RUN_ID}; exit 3`]);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(3);
      await waitForState(engine, id, 'exited');
      const log = await waitForLog(engine, id, new RegExp(`err-${RUN_ID}`));
      expect(log).toContain(`out-${RUN_ID}\n`);
      expect(log).toContain(`err-${RUN_ID}\n`);
    },
  );

  conformance(
    'logs written before a SIGKILL survive it',
    { tags: ['lifecycle', 'logs'], requirements: ['lifecycle:logs.after-exit', 'docker-api:ContainerLogs'] },
    async () => {
      const id = await run(['sigwait']);
      await waitForLog(engine, id, /"ready":"sigwait"/);
      await engine.kill(id, 'SIGUSR1');
      await waitForLog(engine, id, /"signal":"SIGUSR1"/);
      await engine.kill(id, 'SIGKILL');
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(137);
      const log = await engine.logs(id);
      expect(log).toMatch(/"ready":"sigwait"/);
      expect(log).toMatch(/"signal":"SIGUSR1"/);
    },
  );

  conformance(
    'ten containers created and started at once each run on their own, exit 0 and are removed',
    {
      tags: ['lifecycle', 'concurrency'],
      requirements: ['lifecycle:concurrent.create-start', 'docker-api:ContainerCreate'],
      timeout: 120_000,
    },
    async () => {
      const words = Array.from({ length: 10 }, (_, i) => `concurrent-${RUN_ID}-${i}`);
      const ids = await Promise.all(
        words.map(async (word) => {
          const id = await make(['echo', word]);
          await engine.start(id);
          return id;
        }),
      );
      expect(new Set(ids).size).toBe(10);
      const codes = await Promise.all(ids.map((id) => engine.wait(id, 90_000)));
      expect(codes.map((c) => c.exitCode)).toEqual(Array(10).fill(0));
      const logs = await Promise.all(
        ids.map((id, i) => waitForLog(engine, id, new RegExp(`${words[i]}\\n`))),
      );
      for (const [i, log] of logs.entries()) expect(log).toBe(`${words[i]}\n`);
      await Promise.all(ids.map((id) => engine.remove(id)));
      const states = await Promise.all(ids.map((id) => engine.inspectState(id)));
      expect(states.map((s) => s.status)).toEqual(Array(10).fill('removed'));
    },
  );
});
