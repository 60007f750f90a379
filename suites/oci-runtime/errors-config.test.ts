import { writeFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Bundle } from '../../core/engines/runtime-cli/bundle.js';
import { withMount } from '../../core/engines/runtime-cli/bundle.js';
import { EngineError } from '../../core/errors.js';
import { conformance } from '../support/index.js';
import {
  cli,
  leftovers,
  mountsContaining,
  probeBundle,
  trackContainer,
  uniqueId,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'errors'];
const REQS = ['runtime:lifecycle.create-error', 'runtime:errors.no-side-effects'];

/** Writes `edit(config)` (or raw text) over the bundle's config.json. */
async function rewrite(b: Bundle, edit: ((c: Record<string, unknown>) => unknown) | string): Promise<void> {
  const text =
    typeof edit === 'string'
      ? edit
      : JSON.stringify(edit(structuredClone(b.config) as unknown as Record<string, unknown>));
  await writeFile(b.configPath, text);
}

/** create must fail with a message, and leave no container, cgroup or mount behind. */
async function expectCleanFailure(b: Bundle, label: string): Promise<void> {
  const id = trackContainer(uniqueId(label));
  const err = await cli()
    .create(id, b.dir)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(EngineError);
  expect((err as EngineError).engineMessage.trim().length).toBeGreaterThan(0);
  expect(await leftovers(id)).toEqual([]);
  expect(await mountsContaining(b.dir)).toEqual([]);
}

describe('invalid config.json', () => {
  conformance('that is not JSON fails create cleanly', { tags, requirements: REQS }, async () => {
    const b = await probeBundle();
    await rewrite(b, '{ "ociVersion": "1.0.2", "process": ');
    await expectCleanFailure(b, 'badjson');
  });

  conformance('that is a JSON array fails create cleanly', { tags, requirements: REQS }, async () => {
    const b = await probeBundle();
    await rewrite(b, '[]');
    await expectCleanFailure(b, 'array');
  });

  conformance(
    'with an unknown namespace type fails create cleanly',
    { tags, requirements: [...REQS, 'runtime:create.unapplicable'] },
    async () => {
      const b = await probeBundle();
      await rewrite(b, (c) => {
        const linux = c.linux as { namespaces: { type: string }[] };
        linux.namespaces.push({ type: 'no-such-namespace' });
        return c;
      });
      await expectCleanFailure(b, 'badns');
    },
  );

  conformance(
    'whose root.path does not exist fails create cleanly',
    { tags, requirements: [...REQS, 'runtime:create.unapplicable'] },
    async () => {
      const b = await probeBundle();
      await rewrite(b, (c) => ({ ...c, root: { path: 'no-such-rootfs' } }));
      await expectCleanFailure(b, 'noroot');
    },
  );

  conformance(
    'with a mount of an unknown filesystem type fails create cleanly',
    { tags, requirements: [...REQS, 'runtime:create.unapplicable'] },
    async () => {
      const b = await probeBundle(withMount({ destination: '/weird', type: 'no-such-fs', source: 'none' }));
      await expectCleanFailure(b, 'badfs');
    },
  );

  conformance(
    'whose bind mount source is missing fails create cleanly, undoing earlier mounts',
    { tags, requirements: [...REQS, 'runtime:create.unapplicable'] },
    async () => {
      const b = await probeBundle(
        withMount({ destination: '/early', type: 'tmpfs', source: 'tmpfs' }),
        withMount({ destination: '/late', type: 'bind', source: '/no/such/source', options: ['rbind'] }),
      );
      await expectCleanFailure(b, 'badbind');
    },
  );

  conformance(
    'with an empty process.args never leaves a running container',
    { tags, requirements: ['runtime:errors.no-side-effects', 'runtime:start.runs-program'] },
    async () => {
      const b = await probeBundle();
      await rewrite(b, (c) => ({ ...c, process: { ...(c.process as object), args: [] } }));
      const id = trackContainer(uniqueId('noargs'));
      const ok = await cli()
        .create(id, b.dir)
        .then(() => cli().start(id))
        .then(
          () => true,
          () => false,
        );
      expect(ok).toBe(false);
      const state = await cli()
        .state(id)
        .catch(() => undefined);
      expect(state?.status ?? 'gone').not.toBe('running');
    },
  );

  conformance(
    'without ociVersion is either refused cleanly or runs normally',
    { tags, requirements: ['runtime:errors.no-side-effects'] },
    async () => {
      const b = await probeBundle();
      await rewrite(b, (c) => {
        delete c.ociVersion;
        return c;
      });
      const id = trackContainer(uniqueId('nover'));
      const created = await cli()
        .create(id, b.dir)
        .then(
          () => true,
          () => false,
        );
      if (!created) {
        expect(await leftovers(id)).toEqual([]);
        return;
      }
      expect((await cli().state(id)).status).toBe('created');
    },
  );
});
