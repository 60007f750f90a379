import { describe, expect, it } from 'vitest';
import { describeRuntimeCli } from './describe.js';
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
