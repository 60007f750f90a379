import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { session, uniqueId } from '../oci-runtime/support/index.js';
import { conformance } from '../support/index.js';
import { contract, runLogged, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('features', ...ids);

interface Features {
  ociVersionMin?: string;
  ociVersionMax?: string;
  hooks?: string[];
  linux?: { namespaces?: string[]; capabilities?: string[]; cgroup?: Record<string, boolean> };
}

const version = (v: string | undefined) => (v ?? '').split(/[.-]/).slice(0, 3).map(Number);
const notAfter = (a: number[], b: number[]) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return true;
};

async function features(): Promise<Features> {
  const r = await runLogged(['features']);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Features;
}

describe('features', () => {
  conformance(
    'prints a JSON document with the OCI versions it supports',
    opts('features.document'),
    async () => {
      const f = await features();
      expect(f.ociVersionMin).toMatch(/^1\.\d+\.\d+/);
      expect(f.ociVersionMax).toMatch(/^1\.\d+\.\d+/);
      expect(notAfter(version(f.ociVersionMin), version(f.ociVersionMax))).toBe(true);
    },
  );

  conformance('lists the namespaces, capabilities and hooks it knows', opts('features.linux'), async () => {
    const f = await features();
    expect(f.linux?.namespaces).toEqual(expect.arrayContaining(['pid', 'network', 'mount', 'ipc', 'uts']));
    expect(f.linux?.capabilities).toEqual(expect.arrayContaining(['CAP_KILL', 'CAP_SYS_ADMIN', 'CAP_CHOWN']));
    expect(f.hooks).toEqual(expect.arrayContaining(['prestart', 'poststart', 'poststop']));
  });

  conformance('needs no container and writes no state', opts('features.no-state'), async () => {
    const root = join(session().workspace.root, uniqueId('unused-root'));
    const r = await runLogged(['features'], { root });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(root)).toBe(false);
  });
});
