import { describe, expect } from 'vitest';
import type { Capability } from '../../core/engines/types.js';
import { conformance } from '../support/index.js';
import { WAIT_MS, waitForLog, waitForState } from './support/checks.js';
import type { ContainerSpec } from './support/engine.js';
import { useLifecycle } from './support/fixture.js';

const { engine, run } = useLifecycle();

interface ExitCase {
  readonly title: string;
  readonly code: number;
  readonly args: readonly string[];
  readonly spec?: Omit<ContainerSpec, 'name' | 'args'>;
  /** What ends the container once it is ready (none: it exits by itself). */
  readonly signal?: string;
  readonly ready?: RegExp;
  readonly init?: boolean;
}

const CASES: readonly ExitCase[] = [
  { title: 'exit 0', code: 0, args: ['exit', '0'] },
  { title: 'exit 1', code: 1, args: ['exit', '1'] },
  { title: 'exit 3', code: 3, args: ['exit', '3'] },
  { title: 'exit 255', code: 255, args: ['exit', '255'] },
  { title: 'SIGKILL gives 137', code: 137, args: ['sleep', '60'], signal: 'SIGKILL' },
  {
    title: 'SIGTERM to a handler that exits on it gives 143',
    code: 143,
    args: ['sigwait', '--exit-on', 'SIGTERM'],
    signal: 'SIGTERM',
    ready: /"ready":"sigwait"/,
  },
  {
    title: 'SIGTERM under an init process to a child without a handler gives 143',
    code: 143,
    // The ready line comes from init's child, so init has set up its signal forwarding by then.
    args: ['sh', '-c', 'echo ready; exec sleep 60'],
    spec: { init: true },
    signal: 'SIGTERM',
    ready: /^ready$/m,
    init: true,
  },
];

/** What a case needs beyond plain containers. */
const needsOf = (c: ExitCase): Capability[] => (c.init ? ['containers.init'] : []);

/** Runs the case to its end; returns the container id and what wait answered. */
async function runCase(c: ExitCase): Promise<{ id: string; exitCode: number }> {
  const id = await run(c.args, c.spec);
  if (c.signal) {
    await waitForState(engine, id, 'running');
    if (c.ready) await waitForLog(engine, id, c.ready);
    await engine.kill(id, c.signal);
  }
  return { id, ...(await engine.wait(id, WAIT_MS)) };
}

describe('exit codes', () => {
  for (const c of CASES) {
    conformance(
      `${c.title}: wait reports ${c.code}`,
      {
        tags: ['lifecycle', 'exit-codes'],
        needs: needsOf(c),
        requirements: ['lifecycle:exit.wait', 'docker-api:ContainerWait'],
      },
      async () => {
        expect((await runCase(c)).exitCode).toBe(c.code);
      },
    );

    conformance(
      `${c.title}: inspect reports ${c.code} once exited`,
      {
        tags: ['lifecycle', 'exit-codes'],
        needs: ['containers.exit-code', ...needsOf(c)],
        requirements: ['lifecycle:exit.inspect', 'docker-api:ContainerInspect'],
      },
      async () => {
        const { id } = await runCase(c);
        expect(await waitForState(engine, id, 'exited')).toMatchObject({ exitCode: c.code, pid: 0 });
      },
    );
  }
});
