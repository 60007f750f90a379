import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { withArgs } from '../../core/engines/runtime-cli/bundle.js';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  expectRefusedUnchanged,
  probeBundle,
  rawRuntime,
  runProbe,
  startLive,
  trackContainer,
  uniqueId,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'lifecycle', 'start'];

describe('start', () => {
  conformance(
    'runs the user program and reports running',
    { tags, requirements: ['runtime:start.runs-program', 'runtime:lifecycle.run-program'] },
    async () => {
      const c = await startLive('runs');
      expect(existsSync(c.marker)).toBe(true);
      const s = await cli().state(c.id);
      expect(s.status).toBe('running');
      expect(s.pid).toBeGreaterThan(1);
    },
  );

  conformance(
    'runs process.args exactly as configured',
    { tags, requirements: ['runtime:start.runs-program', 'runtime:create.args-deferred'] },
    async () => {
      const b = await probeBundle(withArgs('/bin/probe', 'report', 'argv', 'process'));
      const r = await runProbe<{ argv: string[]; process: { pid: number } }>(b);
      expect(r.argv).toEqual(['/bin/probe', 'report', 'argv', 'process']);
      expect(r.process.pid).toBe(1);
    },
  );

  conformance(
    'starts the program with only stdin, stdout and stderr open',
    { tags, requirements: ['runtime:linux.fds'] },
    async () => {
      const b = await probeBundle(withArgs('/bin/probe', 'report', 'fds'));
      const r = await runProbe<{ fds: { fd: number; target: string }[] }>(b);
      expect(r.fds.map((f) => f.fd).filter((fd) => fd > 2)).toEqual([]);
    },
  );

  conformance(
    'keeps the pid from create for the program it starts',
    { tags, requirements: ['runtime:state.pid', 'runtime:start.runs-program'] },
    async () => {
      const c = await createLive('samepid');
      const created = await cli().state(c.id);
      await cli().start(c.id);
      const running = await cli().waitForStatus(c.id, 'running', { timeoutMs: 10_000 });
      expect(running.pid).toBe(created.pid);
    },
  );

  conformance(
    'reaches stopped when the program exits',
    { tags, requirements: ['runtime:start.runs-program', 'runtime:state.pid'] },
    async () => {
      const b = await probeBundle(withArgs('/bin/probe', 'exit', '3'));
      const id = trackContainer(uniqueId('exits'));
      await cli().create(id, b.dir);
      await cli().start(id);
      const s = await cli().waitForStatus(id, 'stopped', { timeoutMs: 10_000 });
      expect(s.status).toBe('stopped');
      expect(s.pid ?? 0).toBe(0);
    },
  );

  conformance(
    'refuses to start a running container and leaves it running',
    { tags, requirements: ['runtime:start.not-created', 'runtime:errors.no-side-effects'] },
    async () => {
      const c = await startLive('twice');
      await expectRefusedUnchanged(c.id, () => cli().start(c.id), 'running');
    },
  );

  conformance(
    'refuses to start a stopped container and leaves it stopped',
    { tags, requirements: ['runtime:start.not-created', 'runtime:errors.no-side-effects'] },
    async () => {
      const c = await startLive('restart');
      await cli().kill(c.id, 'SIGTERM');
      await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
      await expect(cli().start(c.id)).rejects.toBeInstanceOf(EngineError);
      expect((await cli().state(c.id)).status).toBe('stopped');
    },
  );

  conformance('fails for an unknown id', { tags, requirements: ['runtime:start.not-created'] }, async () => {
    await expect(cli().start(uniqueId('ghost'))).rejects.toBeInstanceOf(EngineError);
  });

  conformance('fails without an id', { tags, requirements: ['runtime:start.no-id'] }, async () => {
    const r = await rawRuntime(['start']);
    expect(r.exitCode).not.toBe(0);
  });

  conformance(
    'never runs a container whose config has no process',
    { tags, requirements: ['runtime:start.no-process'] },
    async () => {
      const b = await probeBundle();
      const { process: _dropped, ...rest } = b.config;
      await writeFile(b.configPath, JSON.stringify(rest));
      const id = trackContainer(uniqueId('noproc'));
      const created = await cli()
        .create(id, b.dir)
        .then(
          () => true,
          () => false,
        );
      if (created) await expect(cli().start(id)).rejects.toBeInstanceOf(EngineError);
      const state = await cli()
        .state(id)
        .catch(() => undefined);
      expect(state?.status ?? 'gone').not.toBe('running');
    },
  );
});
