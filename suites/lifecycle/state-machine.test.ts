import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectLogStaysWithout, WAIT_MS, waitForLog, waitForState } from './support/checks.js';
import { useLifecycle } from './support/fixture.js';

const { engine, make, run } = useLifecycle();
const tags = (area: string) => ['lifecycle', area];
const SIGWAIT = ['sigwait', '--exit-on', 'SIGTERM'];

describe('state machine', () => {
  conformance(
    'walks created -> running -> paused -> running -> exited -> removed',
    {
      tags: tags('state'),
      needs: ['pause'],
      requirements: [
        'lifecycle:state.created-to-running',
        'lifecycle:state.running-to-paused',
        'lifecycle:state.paused-to-running',
        'lifecycle:state.running-to-exited',
        'lifecycle:state.exited-to-removed',
        'docker-api:ContainerPause',
        'docker-api:ContainerUnpause',
      ],
    },
    async () => {
      const id = await make(SIGWAIT);
      expect((await engine.inspectState(id)).status).toBe('created');
      await engine.start(id);
      const running = await waitForState(engine, id, 'running');
      expect(running.pid).toBeGreaterThan(0);
      await waitForLog(engine, id, /"ready":"sigwait"/);
      await engine.pause(id);
      expect(await engine.inspectState(id)).toMatchObject({ status: 'paused', pid: running.pid });
      await engine.resume(id);
      expect(await engine.inspectState(id)).toMatchObject({ status: 'running', pid: running.pid });
      // The same process goes on after resume: it still catches signals.
      await engine.kill(id, 'SIGUSR1');
      await waitForLog(engine, id, /"signal":"SIGUSR1"/);
      await engine.stop(id, 20);
      const exited = await waitForState(engine, id, 'exited');
      expect(exited.pid).toBe(0);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(143);
      await engine.remove(id);
      expect((await engine.inspectState(id)).status).toBe('removed');
    },
  );

  conformance(
    'walks created -> running -> exited -> removed without pause',
    {
      tags: tags('state'),
      requirements: ['lifecycle:state.created-to-running', 'lifecycle:state.running-to-exited'],
    },
    async () => {
      const id = await make(['exit', '0']);
      expect((await engine.inspectState(id)).status).toBe('created');
      await engine.start(id);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(0);
      expect((await engine.inspectState(id)).status).toBe('exited');
      await engine.remove(id);
      expect((await engine.inspectState(id)).status).toBe('removed');
    },
  );

  conformance(
    'an exited container can be started again and its log keeps both runs',
    { tags: tags('state'), requirements: ['lifecycle:state.exited-to-running'] },
    async () => {
      const id = await run(['echo', 'ran-once']);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(0);
      await engine.start(id);
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(0);
      const log = await waitForLog(engine, id, /ran-once\n[\s\S]*ran-once/);
      expect(log.match(/ran-once/g)).toHaveLength(2);
    },
  );

  conformance(
    'pause freezes the process: a signal sent to it while paused is handled only after resume',
    {
      tags: tags('state'),
      needs: ['pause'],
      requirements: ['lifecycle:state.paused-freezes', 'docker-api:ContainerPause'],
    },
    async () => {
      const id = await run(['sigwait']);
      await waitForLog(engine, id, /"ready":"sigwait"/);
      await engine.pause(id);
      const { pid } = await engine.inspectState(id);
      // Straight from the host to the frozen process, not through the engine (which may unpause).
      process.kill(pid, 'SIGUSR2');
      await expectLogStaysWithout(engine, id, /SIGUSR2/, 1_500);
      expect((await engine.inspectState(id)).status).toBe('paused');
      await engine.resume(id);
      await waitForLog(engine, id, /"signal":"SIGUSR2"/);
    },
  );

  conformance(
    'SIGKILL ends a paused container (exit 137)',
    {
      tags: ['lifecycle', 'signals'],
      needs: ['pause'],
      requirements: ['lifecycle:kill.paused', 'docker-api:ContainerKill'],
    },
    async () => {
      const id = await run(['sleep', '120']);
      await waitForState(engine, id, 'running');
      await engine.pause(id);
      await engine.kill(id, 'SIGKILL');
      expect((await engine.wait(id, WAIT_MS)).exitCode).toBe(137);
      expect((await waitForState(engine, id, 'exited')).pid).toBe(0);
    },
  );

  conformance(
    'exec runs a process in a running container and reports its output and exit code',
    { tags: tags('exec'), needs: ['exec'], requirements: ['lifecycle:exec.running', 'docker-api:ExecStart'] },
    async () => {
      const id = await run(['sleep', '60']);
      await waitForState(engine, id, 'running');
      const r = await engine.exec(id, ['sh', '-c', 'echo from-exec; exit 7']);
      expect(r).toMatchObject({ exitCode: 7 });
      expect(r.output).toContain('from-exec');
    },
  );
});
