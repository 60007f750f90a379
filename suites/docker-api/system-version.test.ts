import { beforeAll, describe, expect } from 'vitest';
import type { SystemInfo, SystemVersion } from '../../core/engines/docker-api/index.js';
import { compareApiVersions } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const opts = { tags: ['system', 'version'], requirements: ['docker-api:SystemVersion'] };
let version: SystemVersion;
let info: SystemInfo;

beforeAll(async () => {
  version = await ctx.client.version();
  info = await ctx.client.info();
});

describe('SystemVersion', () => {
  conformance('the body follows the SystemVersion schema', opts, () => {
    expectValid('SystemVersion', version);
  });

  conformance('ApiVersion equals the API-Version header of /_ping', opts, async () => {
    const ping = await ctx.client.ping();
    expect(version.ApiVersion).toBe(ping.apiVersion);
  });

  conformance('MinAPIVersion is not above ApiVersion, and 1.41 is within the range', opts, () => {
    expect(compareApiVersions(version.MinAPIVersion ?? '', version.ApiVersion ?? '')).toBeLessThanOrEqual(0);
    expect(compareApiVersions(version.MinAPIVersion ?? '', '1.41')).toBeLessThanOrEqual(0);
    expect(compareApiVersions('1.41', version.ApiVersion ?? '')).toBeLessThanOrEqual(0);
  });

  conformance('Version and KernelVersion agree with /info', opts, () => {
    expect(version.Version).toBe(info.ServerVersion);
    expect(version.KernelVersion).toBe(info.KernelVersion);
    expect(version.Os).toBe(info.OSType);
  });

  conformance('Arch is a GOARCH name for the Architecture /info reports', opts, () => {
    const goarch: Record<string, string> = {
      x86_64: 'amd64',
      aarch64: 'arm64',
      amd64: 'amd64',
      arm64: 'arm64',
    };
    expect(version.Arch).toBe(goarch[info.Architecture ?? ''] ?? info.Architecture);
  });

  conformance('Components list the engine itself with the server Version', opts, () => {
    expect((version.Components ?? []).map((c) => c.Version)).toContain(version.Version);
  });

  conformance('the unversioned path answers the same document', opts, async () => {
    const res = await ctx.client.raw('GET', '/version', { versioned: false });
    expect(res.status).toBe(200);
    expect((res.json() as SystemVersion).ApiVersion).toBe(version.ApiVersion);
  });
});
