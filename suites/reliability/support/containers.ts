import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ContainerEngine, ContainerSpec } from '../../../core/engines/container-engine/types.js';
import { type Footprint, leftoversOf, reapLeftovers, takeFootprint } from '../../../core/host/footprint.js';
import { pollFor } from '../../../core/wait-for.js';
import { CALL_MS, openEngine } from '../../security/support/engine.js';
import { ProbeImage } from '../../security/support/probe-image.js';
import { target } from '../../support/index.js';

/**
 * A test file's engine, probe image and the containers it made (force-removed after each test, even
 * on failure). Lifecycle: `const c = useContainers();` then in a test `await c.start(['sleep','60'])`,
 * `await c.footprint(id)`, `await c.remove(id)`, `await c.settled(footprints)`.
 */
export function useContainers() {
  const described = target();
  const applies = described.family === 'docker-api' || described.family === 'containerd';
  let engine: ContainerEngine;
  let probe: ProbeImage;
  const made = new Set<string>();
  beforeAll(async () => {
    if (!applies) return;
    engine = openEngine(described);
    probe = new ProbeImage(engine);
    await probe.load();
  });
  afterEach(async () => {
    if (!applies) return;
    const ids = [...made];
    made.clear();
    for (let i = 0; i < ids.length; i += 8)
      await Promise.all(
        ids.slice(i, i + 8).map((id) => engine.remove(id, { force: true }).catch(() => undefined)),
      );
  });
  afterAll(async () => {
    if (!applies) return;
    await probe.unload();
    await engine.close();
  });
  return {
    described,
    applies,
    get engine() {
      return engine;
    },
    get probe() {
      return probe;
    },
    /** Creates `/bin/probe ARGS` (tracked for removal). */
    async create(args: readonly string[], extra: Partial<ContainerSpec> = {}): Promise<string> {
      const id = await engine.create(probe.spec(args, { discardOutput: true, ...extra }), {
        timeoutMs: CALL_MS,
      });
      made.add(id);
      return id;
    },
    /** Creates and starts it. */
    async start(args: readonly string[], extra: Partial<ContainerSpec> = {}): Promise<string> {
      const id = await this.create(args, extra);
      await engine.start(id, { timeoutMs: CALL_MS });
      return id;
    },
    /** The footprint of a running container (its host pid from inspect). */
    async footprint(id: string): Promise<Footprint> {
      const state = await engine.inspect(id);
      if (!state || state.pid <= 0) throw new Error(`${id} is not running: ${JSON.stringify(state)}`);
      return takeFootprint(id, state.pid);
    },
    async remove(id: string, force = false): Promise<void> {
      await engine.remove(id, { force, timeoutMs: CALL_MS });
      made.delete(id);
    },
    /** Leftovers of removed containers, once cleanup had up to `ms` to finish (engines clean up after answering); what is left running is then killed. */
    async settled(footprints: readonly Footprint[], ms = 15_000): Promise<string[]> {
      let left: string[] = [];
      await pollFor(
        async () => {
          left = await leftoversOf(footprints);
          return left.length === 0;
        },
        { timeoutMs: ms, intervalMs: 250, describe: 'leftovers to go' },
      );
      // A leak is reported; the processes this test made must not outlive it.
      if (left.length > 0) await reapLeftovers(footprints);
      return left;
    },
  };
}
