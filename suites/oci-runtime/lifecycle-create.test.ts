import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  hostDir,
  leftovers,
  nsOf,
  OUT,
  probeBundle,
  processAlive,
  rawRuntime,
  session,
  stateRootIds,
  trackContainer,
  uniqueId,
  useRuntime,
  waitMarker,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'lifecycle', 'create'];

describe('create', () => {
  conformance(
    'leaves the container in status created',
    { tags, requirements: ['runtime:create.new-container', 'runtime:operations.supported'] },
    async () => {
      const c = await createLive('created');
      const s = await cli().state(c.id);
      expect(s.id).toBe(c.id);
      expect(s.status).toBe('created');
    },
  );

  conformance(
    'reports the pid of a live container process',
    { tags, requirements: ['runtime:state.pid', 'runtime:create.new-container'] },
    async () => {
      const c = await createLive('pid');
      const { pid } = await cli().state(c.id);
      expect(pid).toBeGreaterThan(1);
      expect(await processAlive(pid ?? 0)).toBe(true);
    },
  );

  conformance(
    'does not run the user program before start',
    { tags, requirements: ['runtime:lifecycle.program-not-run', 'runtime:create.args-deferred'] },
    async () => {
      const c = await createLive('deferred');
      expect(existsSync(c.marker)).toBe(false);
      await cli().start(c.id);
      await waitMarker(c);
      expect(existsSync(c.marker)).toBe(true);
    },
  );

  conformance(
    'sets up the namespaces before start',
    { tags, requirements: ['runtime:create.apply-config', 'runtime:lifecycle.create-environment'] },
    async () => {
      const c = await createLive('ns');
      const { pid = 0 } = await cli().state(c.id);
      for (const ns of ['mnt', 'uts', 'ipc', 'net', 'pid_for_children']) {
        const theirs = ns === 'pid_for_children' ? nsOf(pid, 'pid') : nsOf(pid, ns);
        expect(theirs, ns).toBeDefined();
        expect(theirs, ns).not.toBe(nsOf('self', ns === 'pid_for_children' ? 'pid' : ns));
      }
    },
  );

  conformance(
    'ignores edits to config.json made after create',
    { tags, requirements: ['runtime:lifecycle.config-frozen'] },
    async () => {
      const c = await createLive('frozen');
      const edited = structuredClone(c.bundle.config);
      edited.process.args = ['/bin/probe', 'write', `${OUT}/edited`, 'yes'];
      await writeFile(c.bundle.configPath, JSON.stringify(edited));
      await cli().start(c.id);
      await waitMarker(c);
      expect(existsSync(join(c.out, 'edited'))).toBe(false);
      expect((await cli().state(c.id)).status).toBe('running');
    },
  );

  conformance(
    'refuses an id already in use and keeps the first container',
    {
      tags,
      requirements: [
        'runtime:create.duplicate-id',
        'runtime:state.id-unique',
        'runtime:errors.no-side-effects',
      ],
    },
    async () => {
      const first = await createLive('dup');
      const before = await cli().state(first.id);
      const other = await probeBundle();
      const err = await cli()
        .create(first.id, other.dir)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      const after = await cli().state(first.id);
      expect(after.status).toBe('created');
      expect(after.pid).toBe(before.pid);
      expect(after.bundle).toBe(before.bundle);
      expect(stateRootIds(session().workspace.stateRoot).filter((i) => i === first.id)).toHaveLength(1);
    },
  );

  conformance(
    'refuses an id that would escape the state root',
    { tags, requirements: ['runtime:create.invalid-id', 'runtime:errors.no-side-effects'] },
    async () => {
      const b = await probeBundle();
      const name = uniqueId('escape');
      const err = await cli()
        .create(`../${name}`, b.dir)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect(existsSync(join(session().workspace.root, name))).toBe(false);
      expect(stateRootIds(session().workspace.stateRoot)).toEqual([]);
    },
  );

  conformance(
    'fails for a bundle directory that does not exist and leaves no state',
    { tags, requirements: ['runtime:lifecycle.create-error', 'runtime:errors.no-side-effects'] },
    async () => {
      const id = trackContainer(uniqueId('nobundle'));
      const missing = join(session().workspace.bundles, uniqueId('missing'));
      const err = await cli()
        .create(id, missing)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).engineMessage).not.toBe('');
      expect(await leftovers(id)).toEqual([]);
    },
  );

  conformance(
    'fails for a bundle without config.json and leaves no state',
    { tags, requirements: ['runtime:lifecycle.create-error', 'runtime:errors.no-side-effects'] },
    async () => {
      const b = await probeBundle();
      await rm(b.configPath);
      const id = trackContainer(uniqueId('noconfig'));
      const err = await cli()
        .create(id, b.dir)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect(await leftovers(id)).toEqual([]);
    },
  );

  conformance(
    'fails without an id and creates nothing',
    { tags, requirements: ['runtime:create.no-args'] },
    async () => {
      const b = await probeBundle();
      const r = await rawRuntime(['create', '--bundle', b.dir]);
      expect(r.exitCode).not.toBe(0);
      expect(stateRootIds(session().workspace.stateRoot)).toEqual([]);
    },
  );

  conformance(
    'fails when the bundle is an empty directory',
    { tags, requirements: ['runtime:create.no-args', 'runtime:errors.no-side-effects'] },
    async () => {
      const empty = await hostDir('empty-bundle');
      await mkdir(join(empty, 'rootfs'));
      const id = trackContainer(uniqueId('empty'));
      const r = await rawRuntime(['create', '--bundle', empty, id]);
      expect(r.exitCode).not.toBe(0);
      expect(await leftovers(id)).toEqual([]);
    },
  );
});
