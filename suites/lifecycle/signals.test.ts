import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { caughtSignals, WAIT_MS, waitForLog, waitForState } from './support/checks.js';
import { useLifecycle } from './support/fixture.js';

const { engine, run } = useLifecycle();
const tags = ['lifecycle', 'signals'];
const READY = /"ready":"(sigwait|ignore-signals)"/;

/** Times a stop with grace period `t` seconds; returns elapsed ms and the exit code. */
async function timedStop(id: string, t: number): Promise<{ elapsedMs: number; exitCode: number }> {
  const started = Date.now();
  await engine.stop(id, t);
  const { exitCode } = await engine.wait(id, WAIT_MS);
  return { elapsedMs: Date.now() - started, exitCode };
}

describe('signals', () => {
  for (const signal of ['SIGUSR1', 'SIGUSR2', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGQUIT']) {
    conformance(
      `kill with ${signal} reaches the process, which keeps running`,
      { tags, requirements: ['lifecycle:kill.delivers-signal', 'docker-api:ContainerKill'] },
      async () => {
        const id = await run(['sigwait']);
        await waitForLog(engine, id, READY);
        await engine.kill(id, signal);
        const log = await waitForLog(engine, id, new RegExp(`"signal":"${signal}"`));
        expect(caughtSignals(log)).toEqual([signal]);
        expect((await engine.inspectState(id)).status).toBe('running');
      },
    );
  }

  conformance(
    'kill with a signal number (10) delivers SIGUSR1',
    { tags, requirements: ['lifecycle:kill.delivers-signal', 'docker-api:ContainerKill'] },
    async () => {
      const id = await run(['sigwait']);
      await waitForLog(engine, id, READY);
      await engine.kill(id, '10');
      expect(caughtSignals(await waitForLog(engine, id, /"signal":/))).toEqual(['SIGUSR1']);
    },
  );

  for (const [signal, code] of [
    ['SIGUSR1', 138],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    conformance(
      `stop delivers the configured StopSignal ${signal}, not SIGTERM`,
      {
        tags,
        needs: ['containers.stop-timeout'],
        requirements: ['lifecycle:stop.stop-signal', 'docker-api:ContainerStop'],
      },
      async () => {
        const id = await run(['sigwait', '--exit-on', signal], { stopSignal: signal });
        await waitForLog(engine, id, READY);
        const { exitCode } = await timedStop(id, 30);
        expect(exitCode).toBe(code);
        expect(caughtSignals(await engine.logs(id))).toEqual([signal]);
      },
    );
  }

  conformance(
    'stop sends SIGTERM by default and returns once the process exits, before the timeout',
    {
      tags,
      needs: ['containers.stop-timeout'],
      requirements: ['lifecycle:stop.default-signal', 'docker-api:ContainerStop'],
    },
    async () => {
      const id = await run(['sigwait', '--exit-on', 'SIGTERM']);
      await waitForLog(engine, id, READY);
      const { elapsedMs, exitCode } = await timedStop(id, 30);
      expect(exitCode).toBe(143);
      expect(caughtSignals(await engine.logs(id))).toEqual(['SIGTERM']);
      expect(elapsedMs, 'stop waited for the timeout though the process had exited').toBeLessThan(20_000);
    },
  );

  conformance(
    'a process ignoring SIGTERM is killed with SIGKILL after the stop timeout, not before',
    {
      tags,
      needs: ['containers.stop-timeout'],
      requirements: ['lifecycle:stop.timeout-escalates', 'docker-api:ContainerStop'],
    },
    async () => {
      const id = await run(['ignore-signals', '120']);
      await waitForLog(engine, id, READY);
      const { elapsedMs, exitCode } = await timedStop(id, 2);
      expect(elapsedMs, 'SIGKILL came before the 2 s timeout').toBeGreaterThanOrEqual(1_900);
      expect(elapsedMs).toBeLessThan(2_000 + WAIT_MS);
      expect(exitCode).toBe(137);
    },
  );

  conformance(
    'PID 1 without a SIGTERM handler ignores SIGTERM: stop takes the timeout and ends with SIGKILL',
    {
      tags,
      needs: ['containers.stop-timeout'],
      requirements: ['lifecycle:stop.pid1-no-handler', 'docker-api:ContainerStop'],
    },
    async () => {
      const id = await run(['sleep', '120']);
      await waitForState(engine, id, 'running');
      const { elapsedMs, exitCode } = await timedStop(id, 2);
      expect(elapsedMs).toBeGreaterThanOrEqual(1_900);
      expect(exitCode).toBe(137);
    },
  );

  conformance(
    'stop with timeout 0 kills at once with SIGKILL',
    {
      tags,
      needs: ['containers.stop-timeout'],
      requirements: ['lifecycle:stop.timeout-zero', 'docker-api:ContainerStop'],
    },
    async () => {
      const id = await run(['ignore-signals', '120']);
      await waitForLog(engine, id, READY);
      const { exitCode } = await timedStop(id, 0);
      expect(exitCode).toBe(137);
    },
  );
});
