import { readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import {
  cgroupProblems,
  DOCKER_DEFAULT_CAPS,
  DOCKER_MASKED_PATHS,
  DOCKER_READONLY_PATHS,
  exactCapProblems,
  extraCapProblems,
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
} from '../../fixtures/isolation/index.js';
import { makeSentinel, type Sentinel, sentinelTarget } from '../../fixtures/malicious-layers/index.js';
import { conformance, target } from '../support/index.js';
import { attack } from './requirements.js';
import { CALL_MS, openEngine } from './support/engine.js';
import { fingerprints, runtimeBinaries } from './support/host-binaries.js';
import { RUN_ID } from './support/names.js';
import { ProbeImage, type ProbeRun } from './support/probe-image.js';
import { expectNoProblems } from './support/problems.js';

// Isolation seen from inside a container the engine made with its defaults, checked with probe against
// Docker 20.10's defaults (fixtures/isolation), and the two runtime CVE classes tried for real.
const described = target();
const applies = described.family === 'docker-api' || described.family === 'containerd';
const CLIMB = '../'.repeat(24);
let engine: ContainerEngine;
let probe: ProbeImage;
let sentinel: Sentinel | undefined;
const sentinelBase = join(tmpdir(), `shipshape-sec-iso-${RUN_ID}`);

beforeAll(async () => {
  if (!applies) return;
  engine = openEngine(described);
  probe = new ProbeImage(engine);
  await probe.load();
});
afterAll(async () => {
  if (!applies) return;
  await probe.unload();
  await engine.close();
  sentinel?.remove();
});

const ran = (r: ProbeRun, what: string): string => {
  if (!r.ran) throw new Error(`${what}: the container was refused: ${r.message}`);
  return r.stdout;
};

let reportRun: Promise<IsolationReport> | undefined;
/** One `probe report` of a default container, shared by the tests that read it. */
const report = () => {
  reportRun ??= probe
    .run(['report', 'fds', 'mounts', 'capabilities', 'no_new_privs', 'namespaces', 'seccomp'])
    .then((r) => lastReport(ran(r, 'probe report')));
  return reportRun;
};

let lookRun: Promise<ProbeLines> | undefined;
/** One look at Docker's masked and read-only paths and the blocked syscalls, shared likewise. */
const look = () => {
  lookRun ??= probe
    .run(['sh', '-c', lookCommand([...DOCKER_MASKED_PATHS, ...DOCKER_READONLY_PATHS])])
    .then((r) => probeLines(ran(r, 'probe look')));
  return lookRun;
};

const TAGS = ['security', 'isolation'];

if (applies)
  describe('isolation of a default container, seen from inside', () => {
    conformance(
      'only fds 0-2 are open in the container process at exec',
      { tags: TAGS, requirements: [attack('isolation.fd-leak')] },
      async () => expectNoProblems(fdProblems(await report()), 'descriptors at exec'),
    );

    conformance(
      "Docker's masked paths read nothing (/proc/kcore, /proc/keys, /proc/timer_list, /sys/firmware, ...)",
      { tags: TAGS, requirements: [attack('isolation.masked-paths')] },
      async () => {
        const mounts = (await report()).mounts ?? [];
        expectNoProblems(maskedProblems(mounts, await look(), DOCKER_MASKED_PATHS), 'masked paths');
      },
    );

    conformance(
      "Docker's read-only paths are read-only mounts (/proc/bus, /proc/fs, /proc/irq, /proc/sys, /proc/sysrq-trigger)",
      { tags: TAGS, requirements: [attack('isolation.readonly-paths')] },
      async () => {
        const mounts = (await report()).mounts ?? [];
        expectNoProblems(readonlyProblems(mounts, await look(), DOCKER_READONLY_PATHS), 'read-only paths');
      },
    );

    conformance(
      '/sys is mounted read-only',
      { tags: TAGS, requirements: [attack('isolation.sys-readonly')] },
      async () => expectNoProblems(sysProblems((await report()).mounts ?? []), '/sys'),
    );

    conformance(
      'the container cannot write the cgroup tree (every cgroup mount is read-only)',
      { tags: TAGS, requirements: [attack('isolation.cgroup-namespace')] },
      async () => {
        const r = await report();
        const host = Number(/\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/cgroup'))?.[1]);
        const own = r.namespaces?.cgroup;
        console.log(
          `[security] ${described.name}: cgroup namespace ${own === host ? 'the host one' : 'private'}`,
        );
        expectNoProblems(cgroupProblems(r.mounts ?? []), 'cgroup mounts');
      },
    );

    conformance(
      "no capability beyond Docker's default set, and no CAP_SYS_ADMIN",
      { tags: TAGS, requirements: [attack('isolation.capabilities')] },
      async () => {
        const r = await report();
        expect(r.capabilities?.bounding.names ?? [], 'bounding set').not.toContain('CAP_SYS_ADMIN');
        expectNoProblems(extraCapProblems(r, DOCKER_DEFAULT_CAPS), 'capabilities');
      },
    );

    conformance("the default capability set is exactly Docker's", { tags: TAGS }, async () =>
      expectNoProblems(exactCapProblems(await report(), DOCKER_DEFAULT_CAPS), 'capabilities'),
    );

    conformance(
      'no_new_privs holds when asked for',
      { tags: TAGS, requirements: [attack('isolation.no-new-privs')] },
      async () => {
        const r = lastReport(
          ran(await probe.run(['report', 'no_new_privs'], { noNewPrivileges: true }), 'nnp'),
        );
        expect(r.no_new_privs, 'PR_GET_NO_NEW_PRIVS in the container').toBe(true);
      },
    );

    conformance(
      'the default seccomp profile blocks keyctl, add_key, unshare(CLONE_NEWUSER) and mount',
      { tags: TAGS, requirements: [attack('isolation.seccomp')], needs: ['seccomp.default-profile'] },
      async () => {
        expect((await report()).seccomp?.name, 'seccomp mode of the container process').toBe('filter');
        expectNoProblems(seccompProblems(await look()), 'seccomp');
      },
    );

    conformance(
      'CVE-2024-21626: a working directory of /proc/self/fd/N (N = 3..9) never reaches the host',
      { tags: TAGS, requirements: [attack('isolation.cwd-fd')], timeout: 180_000 },
      async () => {
        sentinel ??= makeSentinel(sentinelBase);
        const secret = `${CLIMB}${sentinelTarget(sentinelBase).dir.slice(1)}/secret`;
        const problems: string[] = [];
        const verdicts: string[] = [];
        for (let n = 3; n <= 9; n++) {
          const cwd = `/proc/self/fd/${n}`;
          const r = await probe.run(['sh', '-c', `report cwd; read ${secret}`], { workingDir: cwd });
          if (!r.ran) {
            verdicts.push(`${n}: refused (${(r.message.split('\n')[0] ?? '').slice(-200)})`);
            continue;
          }
          const docs = jsonLines(r.stdout);
          const where = docs.find((d) => 'cwd' in d)?.cwd;
          const read = docs.find((d) => typeof d.content === 'string');
          verdicts.push(`${n}: ran, cwd ${JSON.stringify(where)}`);
          if (where === null || where === undefined)
            problems.push(`fd ${n}: the working directory is outside the container's root`);
          if (read?.content === sentinelTarget(sentinelBase).secret)
            problems.push(`fd ${n}: read the host secret through ${cwd}`);
        }
        console.log(`[security] ${described.name} cwd /proc/self/fd/N verdicts: ${verdicts.join('; ')}`);
        problems.push(...(sentinel?.changes() ?? []));
        expectNoProblems(problems, 'working directory through /proc/self/fd');
      },
    );

    conformance(
      "CVE-2019-5736: the runtime's /proc/PID/exe cannot be opened for writing from inside during exec",
      { tags: TAGS, requirements: [attack('isolation.exe-overwrite')], needs: ['exec'], timeout: 120_000 },
      async () => {
        const binaries = runtimeBinaries();
        const before = fingerprints(binaries);
        const id = await engine.create(probe.spec(['exe-race', '6']));
        let race: Record<string, unknown> | undefined;
        try {
          await engine.start(id);
          const until = Date.now() + 4_500;
          let execs = 0;
          for (; execs < 12 && Date.now() < until; execs++)
            await engine.exec(id, ['/bin/probe', 'exit', '0'], { timeoutMs: 20_000 }).catch(() => undefined);
          await engine.wait(id, { timeoutMs: CALL_MS });
          const out = (await engine.logs(id)).stdout;
          race = jsonLines(out).find((d) => 'opened_for_write' in d);
          console.log(`[security] ${described.name} exe-race after ${execs} execs: ${JSON.stringify(race)}`);
        } finally {
          await engine.remove(id, { force: true }).catch(() => undefined);
        }
        if (race === undefined) throw new Error('probe exe-race printed no result');
        const problems: string[] = [];
        if (Number(race.opened_for_write) > 0)
          problems.push(
            `opened a foreign /proc/PID/exe for writing ${race.opened_for_write} times (saw ${race.foreign})`,
          );
        const after = fingerprints(binaries);
        problems.push(...after.filter((l) => !before.includes(l)).map((l) => `runtime binary changed: ${l}`));
        expectNoProblems(problems, 'runtime binary');
      },
    );
  });
