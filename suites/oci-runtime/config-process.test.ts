import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import {
  withArgs,
  withCwd,
  withEnv,
  withNoNewPrivileges,
  withRlimit,
  withUser,
} from '../../core/engines/runtime-cli/bundle.js';
import { conformance } from '../support/index.js';
import { configOpts, editBundle, expectRefused, runLines, withReport } from './config-helpers.js';
import { probeBundleWith, runProbe, useRuntime } from './support/index.js';

useRuntime();

const opts = (...ids: string[]) => configOpts('process', ...ids);

describe('process: args, env, cwd', () => {
  conformance('args is the argv of the process', opts('process.args'), async () => {
    const b = await probeBundleWith({}, withArgs('/bin/probe', 'report', 'argv', 'env'));
    expect((await runProbe(b)).argv).toEqual(['/bin/probe', 'report', 'argv', 'env']);
  });

  conformance('args keeps spaces and empty arguments', opts('process.args'), async () => {
    const b = await probeBundleWith({}, withArgs('/bin/probe', 'echo', 'a  b', '', 'c'));
    expect((await runLines(b)).stdout).toBe('a  b  c');
  });

  conformance('args[0] without a slash is found on PATH', opts('process.args'), async () => {
    const b = await probeBundleWith({}, withEnv({ PATH: '/bin' }), withArgs('probe', 'report', 'argv'));
    expect((await runProbe(b)).argv).toEqual(['probe', 'report', 'argv']);
  });

  conformance('env is the environment, in order and verbatim', opts('process.env'), async () => {
    const env = ['PATH=/bin', 'FIRST=1', 'SPACED=a b  c', 'EQUALS=x=y=z', 'EMPTY=', 'LAST=z'];
    const b = await probeBundleWith({}, withReport('env'));
    await editBundle(b, (c) => {
      c.process.env = env;
    });
    const seen = (await runProbe<{ env: string[] }>(b)).env;
    const keys = new Set(env.map((e) => e.split('=')[0]));
    expect(seen.filter((e) => keys.has(e.split('=')[0]))).toEqual(env);
  });

  conformance('cwd is the working directory', opts('process.cwd'), async () => {
    const b = await probeBundleWith(
      { files: { '/work/dir/keep': '' } },
      withCwd('/work/dir'),
      withReport('cwd'),
    );
    expect((await runProbe(b)).cwd).toBe('/work/dir');
  });
});

describe('process: user', () => {
  conformance(
    'uid and gid are the configured ids',
    opts('process.user.uid', 'process.user.gid'),
    async () => {
      const b = await probeBundleWith({}, withUser(1000, 1001), withReport('user'));
      expect((await runProbe(b)).user).toMatchObject({ uid: 1000, euid: 1000, gid: 1001, egid: 1001 });
    },
  );

  conformance(
    'additionalGids are the supplementary groups',
    opts('process.user.additionalGids'),
    async () => {
      const b = await probeBundleWith({}, withUser(1000, 1001, [5, 2000, 3000]), withReport('user'));
      const user = (await runProbe<{ user: { groups: number[] } }>(b)).user;
      expect([...user.groups].sort((x, y) => x - y)).toEqual([5, 2000, 3000]);
    },
  );

  for (const umask of [0o027, 0o077]) {
    const text = umask.toString(8).padStart(4, '0');
    conformance(`umask ${text} is the process umask`, opts('process.user.umask'), async () => {
      const b = await probeBundleWith({}, withReport('umask'));
      await editBundle(b, (c) => {
        c.process.user.umask = umask;
      });
      expect((await runProbe(b)).umask).toBe(text);
    });
  }
});

describe('process: rlimits', () => {
  const limits: [string, number, number][] = [
    ['RLIMIT_NOFILE', 512, 1024],
    ['RLIMIT_NPROC', 300, 400],
    ['RLIMIT_CORE', 1024, 2048],
    ['RLIMIT_MEMLOCK', 65536, 131072],
    ['RLIMIT_MSGQUEUE', 4096, 8192],
    ['RLIMIT_SIGPENDING', 100, 200],
    ['RLIMIT_FSIZE', 1 << 20, 1 << 21],
    ['RLIMIT_CPU', 100, 200],
    ['RLIMIT_STACK', 4 << 20, 8 << 20],
    ['RLIMIT_AS', 1 << 30, 2 ** 31],
    ['RLIMIT_DATA', 1 << 30, 2 ** 31],
    ['RLIMIT_LOCKS', 10, 20],
    ['RLIMIT_RTTIME', 1000, 2000],
  ];
  for (const [type, soft, hard] of limits) {
    conformance(
      `${type} soft ${soft} hard ${hard}`,
      opts('process.rlimits.soft', 'process.rlimits.hard'),
      async () => {
        const b = await probeBundleWith({}, withRlimit(type, soft, hard), withReport('rlimits'));
        const seen = (await runProbe<{ rlimits: Record<string, unknown> }>(b)).rlimits;
        expect(seen[type]).toEqual({ soft, hard });
      },
    );
  }

  conformance('an unknown rlimit type is refused', opts('process.rlimits.unknown'), async () => {
    const b = await probeBundleWith({}, withRlimit('RLIMIT_NOT_A_LIMIT', 1, 1));
    expect(await expectRefused(b)).toMatch(/rlimit|RLIMIT_NOT_A_LIMIT/i);
  });

  conformance('duplicate rlimit entries are refused', opts('process.rlimits.duplicate'), async () => {
    const b = await probeBundleWith({});
    await editBundle(b, (c) => {
      c.process.rlimits = [
        // decreasing, so applying both in turn would work: only a duplicate check refuses this
        { type: 'RLIMIT_NOFILE', soft: 300, hard: 400 },
        { type: 'RLIMIT_NOFILE', soft: 100, hard: 200 },
      ];
    });
    expect(await expectRefused(b)).not.toMatch(/not permitted/i);
  });
});

describe('process: privileges and oom score', () => {
  for (const nnp of [true, false]) {
    conformance(
      `noNewPrivileges ${nnp} is the no_new_privs bit`,
      opts('process.noNewPrivileges'),
      async () => {
        const b = await probeBundleWith({}, withNoNewPrivileges(nnp), withReport('no_new_privs'));
        expect((await runProbe(b)).no_new_privs).toBe(nnp);
      },
    );
  }

  for (const score of [123, 1000]) {
    conformance(`oomScoreAdj ${score} is written to oom_score_adj`, opts('process.oomScoreAdj'), async () => {
      const b = await probeBundleWith({}, withReport('oom_score_adj'));
      await editBundle(b, (c) => {
        c.process.oomScoreAdj = score;
      });
      expect((await runProbe(b)).oom_score_adj).toBe(score);
    });
  }

  conformance('without oomScoreAdj the caller value is kept', opts('process.oomScoreAdj.unset'), async () => {
    const caller = Number((await readFile('/proc/self/oom_score_adj', 'utf8')).trim());
    const b = await probeBundleWith({}, withReport('oom_score_adj'));
    expect(b.config.process.oomScoreAdj).toBeUndefined();
    expect((await runProbe(b)).oom_score_adj).toBe(caller);
  });
});
