import { existsSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import {
  type BundleOption,
  withArgs,
  withCwd,
  withNoNewPrivileges,
} from '../../core/engines/runtime-cli/bundle.js';
import { EngineError } from '../../core/errors.js';
import {
  cgroupProblems,
  DOCKER_DEFAULT_CAPS,
  DOCKER_MASKED_PATHS,
  DOCKER_READONLY_PATHS,
  exactCapProblems,
  fdProblems,
  type IsolationReport,
  jsonLines,
  lastReport,
  lookCommand,
  maskedProblems,
  type ProbeLines,
  probeLines,
  readonlyProblems,
  seccompProblems,
  sysProblems,
  withDockerDefaults,
} from '../../fixtures/isolation/index.js';
import { makeSentinel, type Sentinel, sentinelTarget } from '../../fixtures/malicious-layers/index.js';
import {
  closeRuntime,
  hostDir,
  openRuntime,
  probeBundle,
  session,
  trackContainer,
  uniqueId,
  withHostDir,
} from '../oci-runtime/support/index.js';
import { conformance, target, waitFor } from '../support/index.js';
import { attack } from './requirements.js';
import { fingerprints, runtimeBinaries } from './support/host-binaries.js';
import { RUN_ID } from './support/names.js';
import { expectNoProblems } from './support/problems.js';

// The same isolation checks for a runtime CLI: the bundle's config is Docker's (masked and read-only
// paths, capabilities, a seccomp profile refusing what Docker's refuses, a cgroup namespace), and the
// runtime must give the container exactly that; plus the runtime CVE classes tried for real.
const described = target();
const applies = described.family === 'runtime-cli';
const CLIMB = '../'.repeat(24);
const sentinelBase = join(tmpdir(), `shipshape-sec-rt-${RUN_ID}`);
let sentinel: Sentinel | undefined;

beforeAll(async () => {
  if (applies) await openRuntime();
});
afterEach(async () => {
  if (applies) await session().cleanup.runAll();
});
afterAll(async () => {
  if (!applies) return;
  await closeRuntime();
  sentinel?.remove();
});

/** Runs the probe with `args` in a Docker-configured bundle: exit code and stdout (refusals included). */
async function runDocker(args: readonly string[], ...options: BundleOption[]) {
  const bundle = await probeBundle(withDockerDefaults(), withArgs('/bin/probe', ...args), ...options);
  const id = trackContainer(uniqueId('sec'));
  try {
    return await session().cli.run(id, bundle.dir, { timeoutMs: 20_000, stderr: 'pipe' });
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    return { exitCode: err.status, stdout: '', stderr: err.engineMessage };
  }
}

let reportRun: Promise<IsolationReport> | undefined;
const report = () => {
  reportRun ??= runDocker([
    'report',
    'fds',
    'mounts',
    'capabilities',
    'no_new_privs',
    'namespaces',
    'seccomp',
  ]).then((r) => lastReport(r.stdout));
  return reportRun;
};
let lookRun: Promise<ProbeLines> | undefined;
const look = () => {
  lookRun ??= runDocker(['sh', '-c', lookCommand([...DOCKER_MASKED_PATHS, ...DOCKER_READONLY_PATHS])]).then(
    (r) => probeLines(r.stdout),
  );
  return lookRun;
};

const TAGS = ['security', 'isolation', 'runtime'];

if (applies)
  describe('isolation a runtime gives a Docker-configured container, seen from inside', () => {
    conformance(
      'only fds 0-2 are open in the container process at exec',
      { tags: TAGS, requirements: [attack('isolation.fd-leak')] },
      async () => expectNoProblems(fdProblems(await report()), 'descriptors at exec'),
    );

    conformance(
      'the masked paths of the config read nothing',
      { tags: TAGS, requirements: [attack('isolation.masked-paths')] },
      async () => {
        const mounts = (await report()).mounts ?? [];
        expectNoProblems(maskedProblems(mounts, await look(), DOCKER_MASKED_PATHS), 'masked paths');
      },
    );

    conformance(
      'the read-only paths of the config are read-only mounts',
      { tags: TAGS, requirements: [attack('isolation.readonly-paths')] },
      async () => {
        const mounts = (await report()).mounts ?? [];
        expectNoProblems(readonlyProblems(mounts, await look(), DOCKER_READONLY_PATHS), 'read-only paths');
      },
    );

    conformance(
      '/sys is mounted read-only as the config asks',
      { tags: TAGS, requirements: [attack('isolation.sys-readonly')] },
      async () => expectNoProblems(sysProblems((await report()).mounts ?? []), '/sys'),
    );

    conformance(
      'the cgroup namespace the config asks for holds, and every cgroup mount is read-only',
      { tags: TAGS, requirements: [attack('isolation.cgroup-namespace')] },
      async () => {
        const r = await report();
        const host = Number(/\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/cgroup'))?.[1]);
        const problems = cgroupProblems(r.mounts ?? []);
        if (r.namespaces?.cgroup === host) problems.push('the container is in the host cgroup namespace');
        expectNoProblems(problems, 'cgroup namespace');
      },
    );

    conformance(
      "the capability sets are exactly the config's (Docker's default set)",
      { tags: TAGS, requirements: [attack('isolation.capabilities')] },
      async () => expectNoProblems(exactCapProblems(await report(), DOCKER_DEFAULT_CAPS), 'capabilities'),
    );

    conformance(
      'no_new_privs holds when the config asks for it',
      { tags: TAGS, requirements: [attack('isolation.no-new-privs')] },
      async () => {
        const r = await runDocker(['report', 'no_new_privs'], withNoNewPrivileges(true));
        expect(lastReport(r.stdout).no_new_privs).toBe(true);
      },
    );

    conformance(
      "a seccomp profile like Docker's blocks keyctl, add_key, unshare(CLONE_NEWUSER) and mount",
      { tags: TAGS, requirements: [attack('isolation.seccomp')], needs: ['runtime.seccomp'] },
      async () => {
        expect((await report()).seccomp?.name).toBe('filter');
        expectNoProblems(seccompProblems(await look()), 'seccomp');
      },
    );

    conformance(
      'CVE-2024-21626: a process cwd of /proc/self/fd/N (N = 3..9) never reaches the host',
      { tags: TAGS, requirements: [attack('isolation.cwd-fd')], timeout: 120_000 },
      async () => {
        sentinel ??= makeSentinel(sentinelBase);
        const secretPath = `${CLIMB}${sentinelTarget(sentinelBase).dir.slice(1)}/secret`;
        const problems: string[] = [];
        const verdicts: string[] = [];
        for (let n = 3; n <= 9; n++) {
          const r = await runDocker(
            ['sh', '-c', `report cwd; read ${secretPath}`],
            withCwd(`/proc/self/fd/${n}`),
          );
          const docs = jsonLines(r.stdout);
          const cwdDoc = docs.find((d) => 'cwd' in d);
          if (cwdDoc === undefined) {
            verdicts.push(
              `${n}: refused (exit ${r.exitCode}: ${r.stderr.trim().split('\n').at(-1)?.slice(-160)})`,
            );
            continue;
          }
          verdicts.push(`${n}: ran, cwd ${JSON.stringify(cwdDoc.cwd)}`);
          if (cwdDoc.cwd === null)
            problems.push(`fd ${n}: the working directory is outside the container's root`);
          if (docs.some((d) => d.content === sentinelTarget(sentinelBase).secret))
            problems.push(`fd ${n}: read the host secret`);
        }
        console.log(`[security] ${described.name} cwd /proc/self/fd/N verdicts: ${verdicts.join('; ')}`);
        problems.push(...(sentinel?.changes() ?? []));
        expectNoProblems(problems, 'working directory through /proc/self/fd');
      },
    );

    conformance(
      "CVE-2019-5736: the runtime's /proc/PID/exe cannot be opened for writing from inside during exec",
      { tags: TAGS, requirements: [attack('isolation.exe-overwrite')], timeout: 120_000 },
      async () => {
        const binaries = [...runtimeBinaries(), described.address].filter((p) => existsSync(p));
        const before = fingerprints(binaries);
        const out = await hostDir('race');
        const bundle = await probeBundle(
          withDockerDefaults(),
          withHostDir(out, '/out'),
          withArgs('/bin/probe', 'exe-race', '6', '--out', '/out/race.json'),
        );
        const id = trackContainer(uniqueId('race'));
        const { cli } = session();
        await cli.create(id, bundle.dir);
        await cli.start(id);
        const until = Date.now() + 4_500;
        let execs = 0;
        for (; execs < 12 && Date.now() < until; execs++)
          await cli.exec(id, { args: ['/bin/probe', 'exit', '0'], timeoutMs: 15_000 }).catch(() => undefined);
        const file = join(out, 'race.json');
        const race = await waitFor(
          async () => {
            const text = await readFile(file, 'utf8').catch(() => '');
            return text.endsWith('\n') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
          },
          { timeoutMs: 20_000, intervalMs: 100, describe: 'the race result' },
        );
        console.log(`[security] ${described.name} exe-race after ${execs} execs: ${JSON.stringify(race)}`);
        const problems: string[] = [];
        if (Number(race.opened_for_write) > 0)
          problems.push(
            `opened a foreign /proc/PID/exe for writing ${race.opened_for_write} times (saw ${race.foreign})`,
          );
        problems.push(
          ...fingerprints(binaries)
            .filter((l) => !before.includes(l))
            .map((l) => `changed: ${l}`),
        );
        expectNoProblems(problems, 'runtime binary');
      },
    );
  });
