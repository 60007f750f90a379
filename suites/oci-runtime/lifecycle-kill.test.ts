import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  processAlive,
  rawRuntime,
  signalsSeen,
  startLive,
  uniqueId,
  useRuntime,
  waitSignal,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'lifecycle', 'kill'];

describe('kill', () => {
  conformance(
    'delivers a signal given by name',
    { tags, requirements: ['runtime:kill.delivers', 'runtime:operations.supported'] },
    async () => {
      const c = await startLive('sig-name');
      await cli().kill(c.id, 'SIGUSR1');
      expect(await waitSignal(c, 'SIGUSR1')).toEqual(['SIGUSR1']);
      expect((await cli().state(c.id)).status).toBe('running');
    },
  );

  conformance(
    'delivers a signal given by number',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await startLive('sig-num');
      const r = await rawRuntime(['kill', c.id, '12']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(await waitSignal(c, 'SIGUSR2')).toEqual(['SIGUSR2']);
    },
  );

  conformance(
    'accepts a signal name without the SIG prefix',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await startLive('sig-short');
      const r = await rawRuntime(['kill', c.id, 'HUP']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(await waitSignal(c, 'SIGHUP')).toEqual(['SIGHUP']);
    },
  );

  conformance(
    'delivers successive signals in order',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await startLive('sig-seq');
      await cli().kill(c.id, 'SIGUSR1');
      await waitSignal(c, 'SIGUSR1');
      await cli().kill(c.id, 'SIGWINCH');
      await waitSignal(c, 'SIGWINCH');
      await cli().kill(c.id, 'SIGUSR2');
      expect(await waitSignal(c, 'SIGUSR2')).toEqual(['SIGUSR1', 'SIGWINCH', 'SIGUSR2']);
    },
  );

  conformance(
    'with SIGTERM stops a program that exits on it',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await startLive('sig-term');
      const { pid = 0 } = await cli().state(c.id);
      await cli().kill(c.id, 'SIGTERM');
      expect((await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 })).status).toBe('stopped');
      expect(await processAlive(pid)).toBe(false);
      expect(await signalsSeen(c)).toEqual(['SIGTERM']);
    },
  );

  conformance(
    'with SIGKILL stops a created container that never started',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await createLive('kill-created');
      await cli().kill(c.id, 'SIGKILL');
      expect((await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 })).status).toBe('stopped');
      expect(await signalsSeen(c)).toEqual([]);
    },
  );

  conformance(
    'fails on a stopped container and leaves it stopped',
    { tags, requirements: ['runtime:kill.not-live', 'runtime:errors.no-side-effects'] },
    async () => {
      const c = await startLive('kill-stopped');
      await cli().kill(c.id, 'SIGTERM');
      await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
      await expect(cli().kill(c.id, 'SIGTERM')).rejects.toBeInstanceOf(EngineError);
      expect((await cli().state(c.id)).status).toBe('stopped');
    },
  );

  conformance(
    'leaves the program untouched by an unknown signal name',
    { tags, requirements: ['runtime:errors.no-side-effects'] },
    async () => {
      const c = await startLive('kill-badsig');
      await rawRuntime(['kill', c.id, 'SIGNOTASIGNAL']);
      await cli().kill(c.id, 'SIGUSR1');
      expect(await waitSignal(c, 'SIGUSR1')).toEqual(['SIGUSR1']);
      expect((await cli().state(c.id)).status).toBe('running');
    },
  );

  conformance(
    'reports an unknown signal name as an error',
    { tags, requirements: ['runtime:kill.delivers'] },
    async () => {
      const c = await startLive('kill-badsig-err');
      const r = await rawRuntime(['kill', c.id, 'SIGNOTASIGNAL']);
      expect(r.exitCode).not.toBe(0);
    },
  );

  conformance('fails for an unknown id', { tags, requirements: ['runtime:kill.not-live'] }, async () => {
    await expect(cli().kill(uniqueId('ghost'), 'SIGTERM')).rejects.toBeInstanceOf(EngineError);
  });

  conformance('fails without an id', { tags, requirements: ['runtime:kill.no-id'] }, async () => {
    const r = await rawRuntime(['kill']);
    expect(r.exitCode).not.toBe(0);
  });
});
