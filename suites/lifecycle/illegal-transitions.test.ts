import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectRejected, WAIT_MS, waitForLog, waitForState } from './support/checks.js';
import { useLifecycle } from './support/fixture.js';

const { engine, make, run } = useLifecycle();
const tags = ['lifecycle', 'state'];
/** Swagger ContainerUnpause lists only 404 and 500, and dockerd answers 500 `is not paused`. */
const UNPAUSE_STATUS = 500;
/** Swagger ContainerPause/ContainerStart list no 409 (only 404/500); dockerd answers 409 Conflict. */
const PAUSE_OR_START_STATUS = [409, 500];

/** A running sigwait container (ready to take signals). */
async function running(): Promise<string> {
  const id = await run(['sigwait']);
  await waitForLog(engine, id, /"ready":"sigwait"/);
  return id;
}

/** A container that ran `exit 0` and has been waited for. */
async function exited(): Promise<string> {
  const id = await run(['exit', '0']);
  await engine.wait(id, WAIT_MS);
  await waitForState(engine, id, 'exited');
  return id;
}

describe('illegal transitions', () => {
  conformance(
    'pause of a created container is refused and it stays created',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.pause-requires-running', 'docker-api:ContainerPause'],
    },
    async () => {
      const id = await make(['sleep', '60']);
      await expectRejected(engine, engine.pause(id), PAUSE_OR_START_STATUS);
      expect((await engine.inspectState(id)).status).toBe('created');
    },
  );

  conformance(
    'pause of an exited container is refused and it stays exited',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.pause-requires-running', 'docker-api:ContainerPause'],
    },
    async () => {
      const id = await exited();
      await expectRejected(engine, engine.pause(id), PAUSE_OR_START_STATUS);
      expect((await engine.inspectState(id)).status).toBe('exited');
    },
  );

  conformance(
    'unpause of a running container that is not paused is refused',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.unpause-requires-paused', 'docker-api:ContainerUnpause'],
    },
    async () => {
      const id = await running();
      const before = await engine.inspectState(id);
      await expectRejected(engine, engine.resume(id), UNPAUSE_STATUS);
      expect(await engine.inspectState(id)).toMatchObject({ status: 'running', pid: before.pid });
    },
  );

  conformance(
    'unpause of a created container is refused',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.unpause-requires-paused', 'docker-api:ContainerUnpause'],
    },
    async () => {
      const id = await make(['sleep', '60']);
      await expectRejected(engine, engine.resume(id), UNPAUSE_STATUS);
      expect((await engine.inspectState(id)).status).toBe('created');
    },
  );

  conformance(
    'start of a paused container is refused and it stays paused',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.start-refuses-paused', 'docker-api:ContainerStart'],
    },
    async () => {
      const id = await running();
      await engine.pause(id);
      await expectRejected(engine, engine.start(id), PAUSE_OR_START_STATUS);
      expect((await engine.inspectState(id)).status).toBe('paused');
      await engine.resume(id);
    },
  );

  conformance(
    'start of a running container changes nothing (Docker: 304 Not Modified)',
    { tags, requirements: ['lifecycle:state.start-running-noop', 'docker-api:ContainerStart'] },
    async () => {
      const id = await running();
      const before = await engine.inspectState(id);
      await engine.start(id);
      expect(await engine.inspectState(id)).toMatchObject({ status: 'running', pid: before.pid });
    },
  );

  conformance(
    'remove of a running container without force is refused (409); with force it goes',
    { tags, requirements: ['lifecycle:state.remove-requires-stopped', 'docker-api:ContainerDelete'] },
    async () => {
      const id = await running();
      await expectRejected(engine, engine.remove(id));
      expect((await engine.inspectState(id)).status).toBe('running');
      await engine.remove(id, { force: true });
      expect((await engine.inspectState(id)).status).toBe('removed');
    },
  );

  conformance(
    'remove of a paused container without force is refused',
    {
      tags,
      needs: ['pause'],
      requirements: ['lifecycle:state.remove-requires-stopped', 'docker-api:ContainerDelete'],
    },
    async () => {
      const id = await running();
      await engine.pause(id);
      await expectRejected(engine, engine.remove(id));
      expect((await engine.inspectState(id)).status).toBe('paused');
      await engine.resume(id);
    },
  );

  conformance(
    'remove of a container that does not exist is refused with 404',
    { tags, requirements: ['lifecycle:state.remove-unknown', 'docker-api:ContainerDelete'] },
    async () => {
      const id = await exited();
      await engine.remove(id);
      await expectRejected(engine, engine.remove(id), 404);
    },
  );

  conformance(
    'exec in a stopped container is refused',
    {
      tags: ['lifecycle', 'exec'],
      needs: ['exec'],
      requirements: ['lifecycle:exec.requires-running', 'docker-api:ContainerExec'],
    },
    async () => {
      const id = await exited();
      await expectRejected(engine, engine.exec(id, ['echo', 'nope']));
    },
  );

  conformance(
    'exec in a paused container is refused',
    {
      tags: ['lifecycle', 'exec'],
      needs: ['exec', 'pause'],
      requirements: ['lifecycle:exec.refuses-paused', 'docker-api:ContainerExec'],
    },
    async () => {
      const id = await running();
      await engine.pause(id);
      await expectRejected(engine, engine.exec(id, ['echo', 'nope']));
      await engine.resume(id);
    },
  );

  conformance(
    'kill of a stopped container is refused',
    {
      tags: ['lifecycle', 'signals'],
      requirements: ['lifecycle:kill.requires-running', 'docker-api:ContainerKill'],
    },
    async () => {
      const id = await exited();
      await expectRejected(engine, engine.kill(id, 'SIGKILL'));
      expect((await engine.inspectState(id)).status).toBe('exited');
    },
  );

  conformance(
    'kill of a created container is refused',
    {
      tags: ['lifecycle', 'signals'],
      requirements: ['lifecycle:kill.requires-running', 'docker-api:ContainerKill'],
    },
    async () => {
      const id = await make(['sleep', '60']);
      await expectRejected(engine, engine.kill(id, 'SIGKILL'));
      expect((await engine.inspectState(id)).status).toBe('created');
    },
  );
});
