import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { describe, expect } from 'vitest';
import { withAnnotations, withArgs } from '../../core/engines/runtime-cli/bundle.js';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cli,
  createLive,
  probeBundle,
  rawRuntime,
  SPEC_STATUSES,
  STATE_SCHEMA,
  schemaProblems,
  startLive,
  trackContainer,
  uniqueId,
  useRuntime,
  waitReady,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'state'];
const SCHEMA_REQS = [
  'runtime:state.schema',
  'runtime:state.required-fields',
  'runtime:state-op.returns-state',
];

/** The raw `state` JSON (not the adapter's parsed object), so extra or malformed fields show. */
async function rawState(id: string): Promise<Record<string, unknown>> {
  const r = await rawRuntime(['state', id]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('state document', () => {
  conformance(
    'of a created container satisfies the schema',
    { tags, requirements: SCHEMA_REQS },
    async () => {
      const c = await createLive('st-created');
      const doc = await rawState(c.id);
      expect(schemaProblems(STATE_SCHEMA, doc)).toEqual([]);
      expect(doc.status).toBe('created');
      expect(doc.id).toBe(c.id);
    },
  );

  conformance(
    'of a running container satisfies the schema',
    { tags, requirements: SCHEMA_REQS },
    async () => {
      const c = await startLive('st-running');
      const doc = await rawState(c.id);
      expect(schemaProblems(STATE_SCHEMA, doc)).toEqual([]);
      expect(doc.status).toBe('running');
    },
  );

  conformance(
    'of a stopped container satisfies the schema',
    { tags, requirements: SCHEMA_REQS },
    async () => {
      const b = await probeBundle(withArgs('/bin/probe', 'exit', '0'));
      const id = trackContainer(uniqueId('st-stopped'));
      await cli().create(id, b.dir);
      await cli().start(id);
      await cli().waitForStatus(id, 'stopped', { timeoutMs: 10_000 });
      const doc = await rawState(id);
      expect(schemaProblems(STATE_SCHEMA, doc)).toEqual([]);
      expect(doc.status).toBe('stopped');
    },
  );

  conformance(
    'uses only spec status values for created, running and stopped containers',
    { tags, requirements: ['runtime:state.extra-status'] },
    async () => {
      const c = await createLive('st-values');
      const seen = [(await rawState(c.id)).status];
      await cli().start(c.id);
      seen.push((await cli().waitForStatus(c.id, 'running', { timeoutMs: 10_000 })).status);
      await waitReady(c);
      await cli().kill(c.id, 'SIGTERM');
      seen.push((await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 })).status);
      for (const s of seen) expect(SPEC_STATUSES).toContain(s);
    },
  );

  conformance(
    'names the host pid of the container process (pid 1 inside)',
    { tags, requirements: ['runtime:state.pid'] },
    async () => {
      const c = await startLive('st-pid');
      const { pid } = await rawState(c.id);
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const nspid = /^NSpid:\s+(.+)$/m.exec(status)?.[1]?.trim().split(/\s+/) ?? [];
      expect(nspid[0]).toBe(String(pid));
      expect(nspid.at(-1)).toBe('1');
    },
  );

  conformance(
    'gives the absolute bundle path',
    { tags, requirements: ['runtime:state.bundle-absolute', 'runtime:state.required-fields'] },
    async () => {
      const c = await createLive('st-bundle');
      const { bundle } = await rawState(c.id);
      expect(typeof bundle).toBe('string');
      expect(isAbsolute(bundle as string)).toBe(true);
      expect(realpathSync(bundle as string)).toBe(realpathSync(c.bundle.dir));
    },
  );

  conformance(
    'carries the annotations of config.json',
    { tags, requirements: ['runtime:state.annotations'] },
    async () => {
      const annotations = { 'org.shipshape.test': 'yes', 'org.shipshape.other': 'a value with spaces' };
      const c = await createLive('st-annot', { options: [withAnnotations(annotations)] });
      expect((await rawState(c.id)).annotations).toEqual(annotations);
    },
  );

  conformance(
    'has no annotations, or an empty map, when config.json has none',
    { tags, requirements: ['runtime:state.annotations'] },
    async () => {
      const c = await createLive('st-noannot');
      const { annotations } = await rawState(c.id);
      expect(
        annotations === undefined ||
          (typeof annotations === 'object' && Object.keys(annotations ?? {}).length === 0),
      ).toBe(true);
    },
  );

  conformance(
    'keeps each id distinct across live containers',
    { tags, requirements: ['runtime:state.id-unique', 'runtime:scope.same-entity'] },
    async () => {
      const a = await createLive('st-a');
      const b = await createLive('st-b');
      const [sa, sb] = [await rawState(a.id), await rawState(b.id)];
      expect(sa.id).toBe(a.id);
      expect(sb.id).toBe(b.id);
      expect(sa.pid).not.toBe(sb.pid);
    },
  );
});

describe('state operation', () => {
  conformance(
    'fails for an unknown id',
    { tags, requirements: ['runtime:state-op.unknown-id'] },
    async () => {
      await expect(cli().state(uniqueId('ghost'))).rejects.toBeInstanceOf(EngineError);
    },
  );

  conformance('fails without an id', { tags, requirements: ['runtime:state-op.no-id'] }, async () => {
    const r = await rawRuntime(['state']);
    expect(r.exitCode).not.toBe(0);
  });
});

describe('state schema (self-check)', () => {
  const good = { ociVersion: '1.0.2', id: 'x', status: 'running', pid: 42, bundle: '/b' };
  conformance('accepts a well-formed document', { tags: [...tags, 'self-check'] }, () => {
    expect(schemaProblems(STATE_SCHEMA, good)).toEqual([]);
  });
  conformance('rejects a running state without pid', { tags: [...tags, 'self-check'] }, () => {
    const { pid: _pid, ...noPid } = good;
    expect(schemaProblems(STATE_SCHEMA, noPid)).not.toEqual([]);
  });
  conformance('rejects a relative bundle and a missing ociVersion', { tags: [...tags, 'self-check'] }, () => {
    expect(schemaProblems(STATE_SCHEMA, { ...good, bundle: 'rel/b' })).not.toEqual([]);
    const { ociVersion: _v, ...noVersion } = good;
    expect(schemaProblems(STATE_SCHEMA, noVersion)).not.toEqual([]);
  });
  conformance('rejects non-string annotation values', { tags: [...tags, 'self-check'] }, () => {
    expect(schemaProblems(STATE_SCHEMA, { ...good, annotations: { a: 1 } })).not.toEqual([]);
  });
});
