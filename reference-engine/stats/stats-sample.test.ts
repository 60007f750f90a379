import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostMemory } from './host.js';
import { sampleV1 } from './sample-v1.js';
import { statsJson, takeReading } from './stats-sample.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipd-stats-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Hand-written v1 controller dirs: `files` maps controller -> file -> content. */
function controllers(files: Record<string, Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [controller, entries] of Object.entries(files)) {
    const d = join(dir, controller);
    mkdirSync(d);
    for (const [name, text] of Object.entries(entries)) writeFileSync(join(d, name), text);
    out.set(controller, d);
  }
  return out;
}

describe('cgroup v1 samples', () => {
  it('reads cpu, memory, pids and blkio as dockerd reports them', () => {
    const s = sampleV1(
      controllers({
        cpuacct: {
          'cpuacct.usage': '5000\n',
          'cpuacct.usage_percpu': '2000 3000 \n',
          'cpuacct.stat': 'user 3\nsystem 2\n',
        },
        cpu: { 'cpu.stat': 'nr_periods 4\nnr_throttled 1\nthrottled_time 99\n' },
        memory: {
          'memory.usage_in_bytes': '4096\n',
          'memory.max_usage_in_bytes': '8192\n',
          'memory.limit_in_bytes': '75497472\n',
          'memory.failcnt': '0\n',
          'memory.stat': 'cache 100\nrss 200\n',
        },
        pids: { 'pids.current': '2\n', 'pids.max': '42\n' },
        blkio: { 'blkio.throttle.io_service_bytes_recursive': '8:0 Read 10\n8:0 Write 20\nTotal 30\n' },
      }),
    );
    expect(s.cpu.cpu_usage).toEqual({
      total_usage: 5000,
      percpu_usage: [2000, 3000],
      usage_in_kernelmode: 20_000_000,
      usage_in_usermode: 30_000_000,
    });
    expect(s.cpu.throttling_data).toEqual({ periods: 4, throttled_periods: 1, throttled_time: 99 });
    expect(s.memory).toEqual({
      usage: 4096,
      max_usage: 8192,
      stats: { cache: 100, rss: 200 },
      limit: 75497472,
    });
    expect(s.pids).toEqual({ current: 2, limit: 42 });
    expect(s.blkio.io_service_bytes_recursive).toEqual([
      { major: 8, minor: 0, op: 'Read', value: 10 },
      { major: 8, minor: 0, op: 'Write', value: 20 },
    ]);
  });

  it('no memory limit reads as the host memory, no pids limit is left out', () => {
    const s = sampleV1(
      controllers({
        memory: { 'memory.limit_in_bytes': '9223372036854771712\n' },
        pids: { 'pids.current': '1\n', 'pids.max': 'max\n' },
      }),
    );
    expect(s.memory.limit).toBe(hostMemory());
    expect(s.pids).toEqual({ current: 1 });
  });
});

describe('stats documents', () => {
  it('a running sample carries the previous one as precpu, with host figures', () => {
    const dirs = { kind: 'v1' as const, byController: controllers({ cpuacct: { 'cpuacct.usage': '7\n' } }) };
    const first = takeReading(dirs);
    const second = takeReading(dirs);
    const doc = statsJson({ id: 'abc', name: '/web' }, second, first);
    expect(doc.preread).toBe(first.read);
    expect(doc.cpu_stats.cpu_usage.total_usage).toBe(7);
    expect(doc.precpu_stats.system_cpu_usage).toBeGreaterThan(0);
    expect(doc.cpu_stats.online_cpus).toBeGreaterThan(0);
    expect(Object.keys(doc)).toEqual([
      'read',
      'preread',
      'pids_stats',
      'blkio_stats',
      'num_procs',
      'storage_stats',
      'cpu_stats',
      'precpu_stats',
      'memory_stats',
      'name',
      'id',
    ]);
  });

  it('a container that does not run reads as zeros at the zero time', () => {
    const doc = statsJson({ id: 'abc', name: '/web' }, undefined, undefined);
    expect(doc.read).toBe('0001-01-01T00:00:00Z');
    expect(doc.memory_stats).toEqual({});
    expect(doc.pids_stats).toEqual({});
    expect(doc.blkio_stats.io_service_bytes_recursive).toBeNull();
    expect(doc.cpu_stats.cpu_usage.total_usage).toBe(0);
  });
});
