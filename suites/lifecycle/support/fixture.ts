import { afterAll, afterEach, beforeAll } from 'vitest';
import { openContainerEngine } from '../../../core/engines/families/families.js';
import { target, whenTestFinishes } from '../../support/index.js';
import type { ContainerSpec } from './engine.js';
import { LifecycleEngine } from './lifecycle-engine.js';
import { uniqueName } from './names.js';

/** What a test file gets: the engine, and `make` which creates a container removed after the test. */
export interface LifecycleFixture {
  readonly engine: LifecycleEngine;
  /** Creates a probe container (`args` for /bin/probe) with a unique name; removed after its test. */
  make(args: readonly string[], spec?: Omit<ContainerSpec, 'name' | 'args'>): Promise<string>;
  /** Creates and starts one. */
  run(args: readonly string[], spec?: Omit<ContainerSpec, 'name' | 'args'>): Promise<string>;
}

/**
 * Registers the file's hooks: load the probe image once (beforeAll), remove the image and close the
 * client (afterAll). A container a test made is force-removed when that test finishes, even on
 * failure and when the file's tests run concurrently; one made in a hook, after each test.
 */
export function useLifecycle(): LifecycleFixture {
  const engine = new LifecycleEngine(target(), openContainerEngine(target(), { timeoutMs: 30_000 }));
  const made: string[] = [];
  beforeAll(() => engine.loadProbe());
  afterEach(async () => {
    const ids = made.splice(0);
    await Promise.all(ids.map((id) => engine.remove(id, { force: true }).catch(() => undefined)));
  });
  afterAll(async () => {
    await engine.unloadProbe();
    await engine.close();
  });
  const make = async (args: readonly string[], spec: Omit<ContainerSpec, 'name' | 'args'> = {}) => {
    const id = await engine.create({ ...spec, name: uniqueName('shipshape-lc'), args });
    const remove = () => engine.remove(id, { force: true }).catch(() => undefined);
    if (!whenTestFinishes(remove)) made.push(id);
    return id;
  };
  const run = async (args: readonly string[], spec: Omit<ContainerSpec, 'name' | 'args'> = {}) => {
    const id = await make(args, spec);
    await engine.start(id);
    return id;
  };
  return { engine, make, run };
}
