import { describe, expect, it } from 'vitest';
import { describeRuntimeCli, hostCapabilities } from './describe.js';
import { present, RUNTIMES } from './test-helpers.js';

describe.each(RUNTIMES)('describeRuntimeCli($name)', (endpoint) => {
  it.skipIf(!present(endpoint))('names the product and version and detects capabilities', async () => {
    const d = await describeRuntimeCli(endpoint, { timeoutMs: 10_000 });
    expect(d).toMatchObject({ name: endpoint.name, family: 'runtime-cli', product: endpoint.name });
    expect(d.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(d.capabilities).toContain('runtime.console-socket');
    // runc 1.1.5 answers `features`; crun 1.8.1 does not know the command.
    expect(d.capabilities.includes('runtime.features')).toBe(endpoint.name === 'runc');
  });
});

describe('hostCapabilities', () => {
  const RUNC_HELP =
    'COMMANDS:\n   checkpoint  checkpoint a running container\nGLOBAL OPTIONS:\n   --systemd-cgroup  enable';
  it('declares checkpoint and systemd-cgroup only when the runtime and the host both have them', () => {
    const caps: string[] = [];
    const lacks = hostCapabilities(RUNC_HELP, 'runc', caps as never, { criu: true, systemd: true });
    expect(caps).toEqual(['runtime.checkpoint', 'runtime.systemd-cgroup']);
    expect(lacks).toEqual({});
  });
  it('says why: no CRIU, no systemd, or no command or flag at all', () => {
    const caps: string[] = [];
    expect(hostCapabilities(RUNC_HELP, 'runc', caps as never, { criu: false, systemd: false })).toEqual({
      'runtime.checkpoint': 'CRIU (criu) is not installed on this host',
      'runtime.systemd-cgroup': 'systemd is not running on this host (no /run/systemd/system)',
    });
    expect(hostCapabilities('create\nstart', 'x', caps as never, { criu: true, systemd: true })).toEqual({
      'runtime.checkpoint': 'x has no checkpoint command',
      'runtime.systemd-cgroup': 'x has no --systemd-cgroup flag',
    });
    expect(caps).toEqual([]);
  });
});
