import { beforeAll, describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  HOOK_KINDS,
  type HookedRun,
  hookRecorder,
  runWithAllHooks,
  startLive,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'hooks', 'hooks-order'];

let run: HookedRun;
beforeAll(async () => {
  run = await runWithAllHooks();
});
const names = () => run.records.map((r) => r.name);

describe('hook timing', () => {
  conformance(
    'completes the whole lifecycle with one hook of every kind',
    { tags, requirements: ['runtime:lifecycle.run-program', 'runtime:lifecycle.destroy'] },
    () => {
      expect(run.failure).toBeUndefined();
    },
  );

  conformance(
    'runs prestart, createRuntime and createContainer, in that order, before create returns',
    {
      tags,
      requirements: [
        'runtime:lifecycle.prestart',
        'runtime:lifecycle.createRuntime',
        'runtime:lifecycle.createContainer',
        'runtime:hooks.prestart-when',
        'runtime:hooks.createRuntime-when',
        'runtime:hooks.createContainer-when',
      ],
    },
    () => {
      const createPhase = ['prestart', 'createRuntime', 'createContainer'];
      expect(run.afterCreate.filter((n) => createPhase.includes(n))).toEqual(createPhase);
    },
  );

  conformance(
    'runs startContainer at start, before the user program',
    { tags, requirements: ['runtime:lifecycle.startContainer', 'runtime:hooks.startContainer-when'] },
    () => {
      expect(run.afterCreate).not.toContain('startContainer');
      const r = run.records.find((x) => x.name === 'startContainer');
      expect(r).toBeDefined();
    },
  );

  conformance(
    'runs poststart during start, once the user program is executing',
    { tags, requirements: ['runtime:lifecycle.poststart', 'runtime:hooks.poststart-when'] },
    () => {
      expect(run.afterCreate).not.toContain('poststart');
      expect(run.afterStart).toContain('poststart');
      const r = run.records.find((x) => x.name === 'poststart');
      expect(r?.exe).toMatch(/\/bin\/probe$/);
    },
  );

  conformance(
    'runs poststop during delete, after the container process is gone',
    { tags, requirements: ['runtime:lifecycle.poststop', 'runtime:hooks.poststop-when'] },
    () => {
      expect(run.afterStart).not.toContain('poststop');
      const r = run.records.find((x) => x.name === 'poststop');
      expect(r).toBeDefined();
      expect(r?.exe).toBe('');
    },
  );

  conformance(
    'runs the six hook kinds in lifecycle order',
    { tags, requirements: ['runtime:hooks.order'] },
    () => {
      expect(names()).toEqual([...HOOK_KINDS]);
    },
  );
});

describe('hook lists', () => {
  conformance(
    'run hooks of one kind in the order they are listed',
    { tags, requirements: ['runtime:hooks.order'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('order', {
        options: [
          rec.on('createRuntime', { name: 'first' }),
          rec.on('createRuntime', { name: 'second' }),
          rec.on('createRuntime', { name: 'third' }),
          rec.on('poststop', { name: 'stop-a' }),
          rec.on('poststop', { name: 'stop-b' }),
        ],
      });
      await cli().delete(c.id, { force: true });
      expect(await rec.names()).toEqual(['first', 'second', 'third', 'stop-a', 'stop-b']);
    },
  );

  conformance(
    'pass each hook its args and env',
    { tags, requirements: ['runtime:hooks.args-env'] },
    async () => {
      const rec = await hookRecorder();
      await startLive('args', {
        options: [
          rec.on('poststart', { extraArgs: ['one', 'two words'], extraEnv: ['HOOK_ENV=from config'] }),
        ],
      });
      const [r] = await rec.records();
      expect(r?.args).toBe('one two words');
      expect(r?.env).toBe('from config');
    },
  );
});
