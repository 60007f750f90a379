import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { parseList } from '../../core/engines/runtime-cli/parse.js';
import { cli, createLive, rawRuntime, session, uniqueId } from '../oci-runtime/support/index.js';
import { conformance } from '../support/index.js';
import { contract, runLogged, startRunning, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('list', ...ids);

describe('list', () => {
  conformance('--format json gives id, pid, status, bundle and created', opts('list.json'), async () => {
    const c = await startRunning('ljson');
    const r = await rawRuntime(['list', '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const entry = parseList(r.stdout, 'list').find((e) => e.id === c.id);
    const state = await cli().state(c.id);
    expect(entry).toMatchObject({ id: c.id, pid: c.pid, status: 'running', bundle: c.bundle.dir });
    expect(Number.isNaN(Date.parse(entry?.created ?? ''))).toBe(false);
    expect(entry?.created).toBe((state as { created?: string }).created);
  });

  conformance(
    'shows created, running, paused and stopped containers as such',
    opts('list.statuses'),
    async () => {
      const created = await createLive('lcreated');
      const running = await startRunning('lrunning');
      const paused = await startRunning('lpaused');
      await cli().pause(paused.id);
      const stopped = await startRunning('lstopped');
      await cli().kill(stopped.id, 'SIGTERM');
      await cli().waitForStatus(stopped.id, 'stopped', { timeoutMs: 10_000 });
      const status = new Map((await cli().list()).map((e) => [e.id, e.status]));
      expect(status.get(created.id)).toBe('created');
      expect(status.get(running.id)).toBe('running');
      expect(status.get(paused.id)).toBe('paused');
      expect(status.get(stopped.id)).toBe('stopped');
    },
  );

  conformance('lists every container under --root and nothing else', opts('list.only-root'), async () => {
    const a = await startRunning('lroot-a');
    const b = await createLive('lroot-b');
    const ids = (await cli().list()).map((e) => e.id).sort();
    expect(ids).toEqual([a.id, b.id].sort());
  });

  conformance('an empty --root lists no containers', opts('list.only-root'), async () => {
    await startRunning('lother');
    const empty = join(session().workspace.root, uniqueId('empty-root'));
    await mkdir(empty);
    const r = await runLogged(['list', '--format', 'json'], { root: empty });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseList(r.stdout, 'list')).toEqual([]);
  });

  conformance('--quiet prints the ids only', opts('list.quiet'), async () => {
    const a = await startRunning('lquiet-a');
    const b = await createLive('lquiet-b');
    const r = await rawRuntime(['list', '--quiet']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([a.id, b.id].sort());
  });

  conformance('the table format has an ID column with the ids', opts('list.table'), async () => {
    const c = await startRunning('ltable');
    const r = await rawRuntime(['list']);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header = '', ...rows] = r.stdout.trim().split('\n');
    expect(header.trim().split(/\s+/)[0]).toMatch(/^(ID|NAME)$/);
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual([c.id]);
  });
});
