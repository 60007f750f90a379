import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { EngineError } from '../../core/errors.js';
import type { OciHookKind } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  hookRecorder,
  leftovers,
  processAlive,
  startLive,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'hooks', 'hooks-failure'];

/** Runs create then start, returning the first error (undefined when both succeed). */
async function createAndStart(id: string, bundleDir: string): Promise<unknown> {
  try {
    await cli().create(id, bundleDir);
    await cli().start(id);
    return undefined;
  } catch (err) {
    return err;
  }
}

const FAIL_REQ: Partial<Record<OciHookKind, string>> = {
  prestart: 'runtime:lifecycle.prestart-fail',
  createRuntime: 'runtime:lifecycle.createRuntime-fail',
  createContainer: 'runtime:lifecycle.createContainer-fail',
};

describe('a failing create-phase hook', () => {
  for (const kind of ['prestart', 'createRuntime', 'createContainer'] as OciHookKind[]) {
    conformance(
      `${kind}: create fails, the container is destroyed and its program never runs`,
      {
        tags,
        requirements: [FAIL_REQ[kind] ?? '', 'runtime:lifecycle.destroy', 'runtime:errors.no-side-effects'],
      },
      async () => {
        const rec = await hookRecorder();
        const c = await createLive(`fail-${kind}`, {
          options: [rec.on(kind, { exitCode: 7 })],
          create: false,
        });
        await expect(cli().create(c.id, c.bundle.dir)).rejects.toBeInstanceOf(EngineError);
        expect(await leftovers(c.id)).toEqual([]);
        expect(existsSync(c.marker)).toBe(false);
        const pid = Number((await rec.records())[0]?.state?.pid ?? 0);
        if (pid > 1) expect(await processAlive(pid)).toBe(false);
      },
    );
  }

  conformance(
    'prestart: the poststop hooks still run (lifecycle continues at destroy)',
    { tags, requirements: ['runtime:lifecycle.prestart-fail', 'runtime:lifecycle.poststop'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('fail-then-stop', {
        options: [rec.on('prestart', { exitCode: 7 }), rec.on('poststop')],
        create: false,
      });
      await expect(cli().create(c.id, c.bundle.dir)).rejects.toBeInstanceOf(EngineError);
      expect(await rec.names()).toEqual(['prestart', 'poststop']);
    },
  );

  conformance(
    'timing out fails create and leaves nothing behind',
    { tags, requirements: ['runtime:hooks.timeout', 'runtime:lifecycle.createRuntime-fail'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('hook-timeout', {
        options: [rec.on('createRuntime', { hangSeconds: 30, timeout: 1 })],
        create: false,
      });
      const started = Date.now();
      await expect(cli().create(c.id, c.bundle.dir)).rejects.toBeInstanceOf(EngineError);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await rec.names()).toEqual([]);
      expect(await leftovers(c.id)).toEqual([]);
    },
  );
});

describe('a failing start-phase hook', () => {
  conformance(
    'startContainer: the user program never runs',
    { tags, requirements: ['runtime:lifecycle.startContainer-fail'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('fail-startc', {
        extras: rec.rootfs,
        options: [rec.mount, rec.on('startContainer', { exitCode: 7 })],
      });
      await cli()
        .start(c.id)
        .catch(() => {});
      await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
      expect(await rec.names()).toEqual(['startContainer']);
      expect(existsSync(c.marker)).toBe(false);
    },
  );

  conformance(
    'startContainer: start reports the error',
    { tags, requirements: ['runtime:lifecycle.startContainer-fail'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('fail-startc-err', {
        extras: rec.rootfs,
        options: [rec.mount, rec.on('startContainer', { exitCode: 7 })],
      });
      await expect(cli().start(c.id)).rejects.toBeInstanceOf(EngineError);
    },
  );

  conformance(
    'poststart: the operation fails and the container does not keep running',
    { tags, requirements: ['runtime:lifecycle.poststart-fail'] },
    async () => {
      const rec = await hookRecorder();
      const c = await createLive('fail-poststart', {
        options: [rec.on('poststart', { exitCode: 7 })],
        create: false,
      });
      expect(await createAndStart(c.id, c.bundle.dir)).toBeInstanceOf(EngineError);
      const state = await cli()
        .state(c.id)
        .catch(() => undefined);
      expect(state?.status ?? 'gone').not.toBe('running');
    },
  );
});

describe('a failing poststop hook', () => {
  conformance(
    'is only a warning: delete succeeds and the container is gone',
    { tags, requirements: ['runtime:lifecycle.poststop-fail', 'runtime:warnings.continue'] },
    async () => {
      const rec = await hookRecorder();
      const c = await startLive('fail-poststop', { options: [rec.on('poststop', { exitCode: 7 })] });
      await cli().kill(c.id, 'SIGTERM');
      await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
      await cli().delete(c.id);
      expect(await rec.names()).toEqual(['poststop']);
      expect(await leftovers(c.id)).toEqual([]);
    },
  );

  conformance(
    'does not stop the poststop hooks after it',
    { tags, requirements: ['runtime:lifecycle.poststop-fail', 'runtime:warnings.continue'] },
    async () => {
      const rec = await hookRecorder();
      const c = await startLive('fail-poststop-next', {
        options: [rec.on('poststop', { name: 'failing', exitCode: 7 }), rec.on('poststop', { name: 'next' })],
      });
      await cli()
        .delete(c.id, { force: true })
        .catch(() => {});
      expect(await rec.names()).toEqual(['failing', 'next']);
    },
  );
});
