import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { withArgs, withResources } from '../../core/engines/runtime-cli/bundle.js';
import { cli, createLive, hostDir, startLive } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import {
  blkioWeightFile,
  contract,
  expectRefusal,
  processOf,
  refusalMessage,
  runLogged,
  setting,
  startRunning,
  useRuntimeCli,
} from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('update', ...ids);
const MiB = 1024 * 1024;

describe('update: limits in the cgroup', () => {
  conformance('--memory sets the memory limit', opts('update.memory'), async () => {
    const c = await startRunning('umem');
    await cli().update(c.id, { flags: { memory: 64 * MiB } });
    expect(await setting(c.pid, 'memoryLimit')).toBe(String(64 * MiB));
  });

  conformance('a process above the new memory limit is stopped', opts('update.memory-enforced'), async () => {
    const c = await startRunning('umemkill');
    const alloc = (size: string) =>
      cli().exec(c.id, { process: processOf(c.bundle, { args: ['/bin/probe', 'alloc', size] }) });
    expect((await alloc('48M')).exitCode).toBe(0);
    await cli().update(c.id, { flags: { memory: 32 * MiB } });
    expect((await alloc('48M')).exitCode).toBe(137);
    expect((await cli().state(c.id)).status).toBe('running');
  });

  conformance(
    '--cpu-share, --cpu-quota and --cpu-period set the CPU limits',
    opts('update.cpu'),
    async () => {
      const c = await startRunning('ucpu');
      await cli().update(c.id, { flags: { cpuShare: 512, cpuQuota: 50_000, cpuPeriod: 100_000 } });
      const quota = await setting(c.pid, 'cpuQuota');
      if (quota.includes(' ')) {
        expect(quota).toBe('50000 100000'); // v2 cpu.max
      } else {
        expect(quota).toBe('50000');
        expect(await setting(c.pid, 'cpuPeriod')).toBe('100000');
        expect(await setting(c.pid, 'cpuShares')).toBe('512');
      }
    },
  );

  conformance('--cpuset-cpus sets the CPUs', opts('update.cpuset'), async () => {
    const c = await startRunning('ucpuset');
    await cli().update(c.id, { flags: { cpusetCpus: '0' } });
    expect(await setting(c.pid, 'cpusetCpus')).toBe('0');
  });

  conformance('--pids-limit sets the pids limit', opts('update.pids'), async () => {
    const c = await startRunning('upids');
    await cli().update(c.id, { flags: { pidsLimit: 17 } });
    expect(await setting(c.pid, 'pidsMax')).toBe('17');
  });

  conformance('--blkio-weight sets the block IO weight', opts('update.blkio'), async (ctx) => {
    const c = await startRunning('ublkio');
    const file = await blkioWeightFile(c.pid);
    if (!file) return ctx.skip('this kernel has no block IO weight (no CFQ or BFQ scheduler)');
    await cli().update(c.id, { flags: { blkioWeight: 300 } });
    expect((await readFile(file, 'utf8')).trim()).toMatch(/(^|\s)300$/);
  });
});

/**
 * A container whose shell (pid 1) waits for its first child, a sigwait, to exit on SIGUSR1, then forks
 * `write /out/forked yes` and exits: the test sets a limit while the child runs, then lets it go.
 */
async function startForker(label: string) {
  const script = 'sigwait --exit-on SIGUSR1 --code 0; write /out/forked yes';
  const c = await createLive(label, { options: [withArgs('/bin/probe', 'sh', '-c', script)] });
  await cli().start(c.id);
  const { pid = 0 } = await cli().state(c.id);
  const child = await waitFor(
    async () => {
      const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
      const first = Number(text.trim().split(' ')[0] || 0);
      const status = first ? await readFile(`/proc/${first}/status`, 'utf8').catch(() => '') : '';
      const caught = BigInt(`0x${/^SigCgt:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
      return (caught & (1n << 9n)) !== 0n && first; // SIGUSR1 (10) is bit 9
    },
    { timeoutMs: 10_000, intervalMs: 20, describe: `${c.id}'s sigwait child` },
  );
  const letGo = async () => {
    process.kill(child, 'SIGUSR1');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    return existsSync(join(c.out, 'forked'));
  };
  return { ...c, pid, letGo };
}

describe('update: the pids limit is enforced', () => {
  conformance(
    'a fork beyond the new limit fails inside the container',
    opts('update.pids-enforced'),
    async () => {
      const c = await startForker('ufork');
      await cli().update(c.id, { flags: { pidsLimit: 1 } });
      expect(await c.letGo()).toBe(false);
    },
  );

  conformance('a limit raised again lets the fork through', opts('update.pids-enforced'), async () => {
    const c = await startForker('uforkok');
    await cli().update(c.id, { flags: { pidsLimit: 1 } });
    await cli().update(c.id, { flags: { pidsLimit: 10 } });
    expect(await c.letGo()).toBe(true);
  });
});

describe('update: resources documents', () => {
  conformance('--resources FILE applies memory and pids limits', opts('update.resources-file'), async () => {
    const c = await startRunning('ufile');
    await cli().update(c.id, {
      resources: { memory: { limit: 48 * MiB }, pids: { limit: 23 } },
      via: 'file',
    });
    expect(await setting(c.pid, 'memoryLimit')).toBe(String(48 * MiB));
    expect(await setting(c.pid, 'pidsMax')).toBe('23');
  });

  conformance('--resources - reads the document from stdin', opts('update.resources-stdin'), async () => {
    const c = await startRunning('ustdin');
    await cli().update(c.id, { resources: { pids: { limit: 29 } }, via: 'stdin' });
    expect(await setting(c.pid, 'pidsMax')).toBe('29');
  });

  conformance('limits the update does not name keep their values', opts('update.keeps-others'), async () => {
    const c = await startLive('ukeep', {
      options: [withResources({ memory: { limit: 96 * MiB }, pids: { limit: 31 } })],
    });
    const { pid = 0 } = await cli().state(c.id);
    await cli().update(c.id, { flags: { cpuShare: 256 } });
    expect(await setting(pid, 'memoryLimit')).toBe(String(96 * MiB));
    expect(await setting(pid, 'pidsMax')).toBe('31');
  });

  conformance(
    'a malformed document is refused and changes nothing',
    opts('update.bad-resources'),
    async () => {
      const c = await startRunning('ubad');
      await cli().update(c.id, { flags: { pidsLimit: 37 } });
      const file = join(await hostDir('res'), 'resources.json');
      await writeFile(file, '{"pids": {"limit": 5}');
      refusalMessage(await runLogged(['update', '--resources', file, c.id]));
      expect(await setting(c.pid, 'pidsMax')).toBe('37');
    },
  );

  conformance('fails on a stopped container', opts('update.not-running'), async () => {
    const c = await startRunning('ustopped');
    await cli().kill(c.id, 'SIGTERM');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    await expectRefusal(cli().update(c.id, { flags: { pidsLimit: 41 } }));
    expect((await cli().state(c.id)).status).toBe('stopped');
  });
});
