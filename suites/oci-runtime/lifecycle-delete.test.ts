import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cgroupDirs,
  cli,
  createLive,
  expectRefusedUnchanged,
  leftovers,
  processAlive,
  rawRuntime,
  startLive,
  uniqueId,
  useRuntime,
  waitMarker,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'lifecycle', 'delete'];

/** Starts a live container and stops it with SIGTERM. */
async function stopped(label: string) {
  const c = await startLive(label);
  await cli().kill(c.id, 'SIGTERM');
  await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
  return c;
}

describe('delete', () => {
  conformance(
    'removes a stopped container: state then reports the id unknown',
    {
      tags,
      requirements: ['runtime:delete.resources', 'runtime:lifecycle.destroy', 'runtime:operations.supported'],
    },
    async () => {
      const c = await stopped('del-stopped');
      await cli().delete(c.id);
      await expect(cli().state(c.id)).rejects.toBeInstanceOf(EngineError);
      expect(await leftovers(c.id)).toEqual([]);
    },
  );

  conformance(
    'removes the cgroups the container was placed in',
    { tags, requirements: ['runtime:delete.resources', 'runtime:lifecycle.destroy'] },
    async () => {
      const c = await startLive('del-cgroup');
      const { pid = 0 } = await cli().state(c.id);
      const dirs = await cgroupDirs(pid);
      const own = dirs.filter((d) => d.includes(c.id));
      expect(own.length).toBeGreaterThan(0);
      await cli().kill(c.id, 'SIGTERM');
      await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
      await cli().delete(c.id);
      expect(own.filter((d) => existsSync(d))).toEqual([]);
    },
  );

  conformance(
    'keeps the bundle and bind-mount sources, which the container did not create',
    { tags, requirements: ['runtime:delete.foreign-resources'] },
    async () => {
      const c = await stopped('del-foreign');
      await cli().delete(c.id);
      expect(existsSync(c.bundle.configPath)).toBe(true);
      expect(existsSync(join(c.bundle.rootfs, 'bin', 'probe'))).toBe(true);
      expect(await readFile(c.marker, 'utf8')).toBe('yes');
    },
  );

  conformance(
    'refuses a running container without force and leaves it running',
    { tags, requirements: ['runtime:delete.not-stopped', 'runtime:errors.no-side-effects'] },
    async () => {
      const c = await startLive('del-running');
      const after = await expectRefusedUnchanged(c.id, () => cli().delete(c.id), 'running');
      expect(await processAlive(after.pid ?? 0)).toBe(true);
    },
  );

  conformance(
    'refuses a created container without force and leaves it created',
    { tags, requirements: ['runtime:delete.not-stopped', 'runtime:errors.no-side-effects'] },
    async () => {
      const c = await createLive('del-created');
      await expectRefusedUnchanged(c.id, () => cli().delete(c.id), 'created');
    },
  );

  conformance(
    'with force removes a running container and its process',
    { tags, requirements: ['runtime:delete.resources', 'runtime:lifecycle.destroy'] },
    async () => {
      const c = await startLive('del-force');
      const { pid = 0 } = await cli().state(c.id);
      await cli().delete(c.id, { force: true });
      expect(await processAlive(pid)).toBe(false);
      expect(await leftovers(c.id)).toEqual([]);
    },
  );

  conformance(
    'lets a deleted id be used again',
    { tags, requirements: ['runtime:delete.id-reuse'] },
    async () => {
      const c = await stopped('del-reuse');
      await cli().delete(c.id);
      await cli().create(c.id, c.bundle.dir);
      expect((await cli().state(c.id)).status).toBe('created');
      await cli().start(c.id);
      await waitMarker(c);
    },
  );

  conformance('fails for an unknown id', { tags, requirements: ['runtime:delete.not-stopped'] }, async () => {
    await expect(cli().delete(uniqueId('ghost'))).rejects.toBeInstanceOf(EngineError);
  });

  conformance('fails without an id', { tags, requirements: ['runtime:delete.no-id'] }, async () => {
    const r = await rawRuntime(['delete']);
    expect(r.exitCode).not.toBe(0);
  });
});
