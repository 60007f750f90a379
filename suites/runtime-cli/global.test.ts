import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { withCgroupsPath } from '../../core/engines/runtime-cli/bundle.js';
import { systemdRunning } from '../../core/engines/runtime-cli/describe.js';
import {
  cgroupsNamed,
  cli,
  probeBundle,
  session,
  stateRootIds,
  uniqueId,
} from '../oci-runtime/support/index.js';
import { conformance } from '../support/index.js';
import {
  cgroupDirsOf,
  contract,
  expectRefusal,
  loggedErrors,
  runLogged,
  useRuntimeCli,
} from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('global', ...ids);

/** Runs create through runLogged (container output discarded); force-deletes it after the test. */
async function createRaw(bundleDir: string, opts: { root?: string; global?: string[]; label?: string } = {}) {
  const id = uniqueId(opts.label ?? 'raw');
  const r = await runLogged([...(opts.global ?? []), 'create', '--bundle', bundleDir, id], {
    root: opts.root,
    output: 'ignore',
  });
  session().cleanup.defer(`delete ${id}`, () =>
    runLogged(['delete', '--force', id], { root: opts.root, output: 'ignore' }),
  );
  return { id, r };
}

describe('--log and --log-format', () => {
  conformance('json: every line has level, msg and time', opts('global.log-json'), async () => {
    const b = await probeBundle();
    const { r: created } = await createRaw(b.dir, { global: ['--debug'] });
    expect(created.exitCode, created.stderr).toBe(0);
    const failed = await runLogged(['state', uniqueId('ghost')]);
    const lines = [...created.log, ...failed.log];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.json, `not a JSON object: ${line.text}`).toBeDefined();
      expect(line.json).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
      expect(Number.isNaN(Date.parse(String(line.json?.time)))).toBe(false);
    }
  });

  conformance('a failure is logged at level error and exits non-zero', opts('global.log-error'), async () => {
    const r = await runLogged(['start', uniqueId('ghost')]);
    expect(r.exitCode).not.toBe(0);
    expect(loggedErrors(r).join('')).not.toBe('');
  });

  conformance('text: lines carry level= and msg=', opts('global.log-text'), async () => {
    const r = await runLogged(['state', uniqueId('ghost')], { format: 'text' });
    expect(r.exitCode).not.toBe(0);
    expect(r.log.some((l) => /level=error/.test(l.text) && /msg=/.test(l.text))).toBe(true);
    expect(r.log.every((l) => l.json === undefined)).toBe(true);
  });
});

describe('--root', () => {
  conformance(
    'keeps containers under the root given, unseen under another',
    opts('global.root'),
    async () => {
      const b = await probeBundle();
      const other = join(session().workspace.root, uniqueId('other-root'));
      const { id, r } = await createRaw(b.dir, { root: other });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(stateRootIds(other)).toEqual([id]);
      expect(stateRootIds(session().workspace.stateRoot)).not.toContain(id);
      await expectRefusal(cli().state(id));
      const listed = await runLogged(['list', '--format', 'json'], { root: other });
      expect(listed.stdout).toContain(id);
    },
  );

  conformance('create makes a root that does not exist yet', opts('global.root-created'), async () => {
    const b = await probeBundle();
    const fresh = join(session().workspace.root, uniqueId('fresh'), 'nested');
    const { id, r } = await createRaw(b.dir, { root: fresh });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(fresh)).toBe(true);
    const state = await runLogged(['state', id], { root: fresh });
    expect(JSON.parse(state.stdout)).toMatchObject({ id, status: 'created' });
  });
});

describe('--systemd-cgroup', () => {
  conformance(
    'makes the cgroups through systemd from slice:prefix:name',
    { ...opts('global.systemd-cgroup'), needs: ['runtime.systemd-cgroup'] },
    async () => {
      const name = uniqueId('sd');
      const b = await probeBundle(withCgroupsPath(`system.slice:shipshape:${name}`));
      const { id, r } = await createRaw(b.dir, { global: ['--systemd-cgroup'] });
      expect(r.exitCode, r.stderr).toBe(0);
      const state = JSON.parse((await runLogged(['state', id])).stdout) as { pid: number };
      const dirs = await cgroupDirsOf(state.pid);
      expect(dirs.some((d) => d.includes(`system.slice/shipshape-${name}.scope`))).toBe(true);
    },
  );

  conformance(
    'is refused without systemd, and nothing is created',
    opts('global.systemd-absent'),
    async (ctx) => {
      if (systemdRunning()) return ctx.skip('systemd runs this host: the refusal cannot be seen');
      const b = await probeBundle();
      const { id, r } = await createRaw(b.dir, { global: ['--systemd-cgroup'] });
      expect(r.exitCode).not.toBe(0);
      expect(stateRootIds(session().workspace.stateRoot)).not.toContain(id);
      expect(await cgroupsNamed(id)).toEqual([]);
    },
  );
});
