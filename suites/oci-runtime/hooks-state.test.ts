import { beforeAll, describe, expect } from 'vitest';
import type { OciHookKind } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import {
  type HookedRun,
  runWithAllHooks,
  STATE_SCHEMA,
  schemaProblems,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'hooks', 'hooks-state'];

/** The status each hook must see: create-phase hooks run before create has finished. */
const EXPECTED_STATUS: Record<OciHookKind, string> = {
  prestart: 'creating',
  createRuntime: 'creating',
  createContainer: 'creating',
  startContainer: 'created',
  poststart: 'running',
  poststop: 'stopped',
};
/** Hooks in the container namespace see the container's own pid (1); the others the host pid. */
const IN_CONTAINER: readonly OciHookKind[] = ['createContainer', 'startContainer'];

let run: HookedRun;
beforeAll(async () => {
  run = await runWithAllHooks();
});

const recordOf = (kind: OciHookKind) => {
  const r = run.records.find((x) => x.name === kind);
  if (!r) throw new Error(`hook ${kind} never ran (${run.failure ?? 'lifecycle completed'})`);
  return r;
};

describe('hook stdin state', () => {
  for (const kind of Object.keys(EXPECTED_STATUS) as OciHookKind[]) {
    conformance(
      `${kind} reads a state document that satisfies the schema`,
      { tags, requirements: ['runtime:hooks.state-stdin', 'runtime:state.schema'] },
      () => {
        const r = recordOf(kind);
        expect(r.state, r.rawState).toBeDefined();
        expect(schemaProblems(STATE_SCHEMA, r.state)).toEqual([]);
      },
    );

    conformance(
      `${kind} reads status ${EXPECTED_STATUS[kind]}`,
      { tags, requirements: ['runtime:hooks.state-stdin'] },
      () => {
        expect(recordOf(kind).state?.status).toBe(EXPECTED_STATUS[kind]);
      },
    );

    conformance(
      `${kind} reads the id, bundle and pid of its container`,
      {
        tags,
        requirements: ['runtime:hooks.state-stdin', 'runtime:state.pid', 'runtime:state.bundle-absolute'],
      },
      () => {
        const s = recordOf(kind).state ?? {};
        expect(s.id).toBe(run.container.id);
        expect([run.container.bundle.dir, run.bundleReal]).toContain(s.bundle);
        if (kind === 'poststop') return;
        const wanted = IN_CONTAINER.includes(kind) ? 1 : run.pid;
        if (s.pid !== undefined || EXPECTED_STATUS[kind] !== 'creating') expect(s.pid).toBe(wanted);
      },
    );
  }
});
