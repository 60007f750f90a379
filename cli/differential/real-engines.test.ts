import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDockerApi } from '../../core/engines/docker-api/describe.js';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import { realEngines } from '../../core/engines/docker-api/testing/real-engines.js';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { waitFor } from '../../core/wait-for.js';
import { probePath } from '../../fixtures/images/index.js';
import { differentialReport } from './differential.js';
import { writeDiffReport } from './write-report.js';

const [docker, podman] = await realEngines();
const probe = existsSync(probePath());
const skip = !docker?.available || !podman?.available || !probe;
const reason = !docker?.available
  ? docker?.skipReason
  : !podman?.available
    ? podman?.skipReason
    : probe
      ? 'both engines answer'
      : `${probePath()} is missing (npm run build)`;

const endpoint = (name: string, address: string): EngineEndpoint => ({
  name,
  family: 'docker-api',
  address,
  source: 'test',
});

/** A list from the engine; lists can fail while others remove things at the same time, so ask again. */
async function list(
  client: DockerApiClient,
  path: string,
  pick: (b: unknown) => unknown,
): Promise<unknown[]> {
  let last = '';
  return waitFor(
    async () => {
      const res = await client.raw('GET', path, { query: { all: '1' } });
      const items = res.status === 200 ? pick(res.json()) : undefined;
      last = `${res.status} ${res.text().slice(0, 200)}`;
      return Array.isArray(items) && (items as unknown[]);
    },
    {
      timeoutMs: 10_000,
      intervalMs: 200,
      maxIntervalMs: 800,
      maxAttempts: 5,
      describe: `GET ${path}`,
      retry: () => false,
      onTimeout: () => new Error(`GET ${path}: ${last}`),
    },
  );
}

/** Everything the run could have left behind on one engine, found by its token. */
async function leftovers(address: string, token: string): Promise<unknown[]> {
  const client = new DockerApiClient(address, { timeoutMs: 10_000 });
  try {
    const mine = (v: unknown) => JSON.stringify(v).includes(token);
    const all = await Promise.all([
      list(client, '/containers/json', (b) => b),
      list(client, '/volumes', (b) => (b as { Volumes: unknown[] | null }).Volumes ?? []),
      // only the current names: Podman also lists every name an image ever had (History)
      list(client, '/images/json', (b) => (b as { RepoTags?: unknown }[]).map((i) => i.RepoTags ?? [])),
    ]);
    return all.flat().filter(mine);
  } finally {
    await client.close();
  }
}

describe.skipIf(skip)(`podman vs docker, for real (${reason})`, () => {
  it('writes the report with the known Podman differences, and leaves nothing behind', async () => {
    const token = `t${randomBytes(3).toString('hex')}`;
    const ref = await describeDockerApi(endpoint('docker', docker?.address ?? ''));
    const cand = await describeDockerApi(endpoint('podman', podman?.address ?? ''));
    const report = await differentialReport(ref, [cand], { token });
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-diff-real-'));
    try {
      const written = await writeDiffReport(dir, report);
      expect(await readFile(written.markdown, 'utf8')).toContain('## podman (Podman Engine');
      const c = report.comparisons[0];
      if (!c) throw new Error('no comparison');
      expect(c.notes).toEqual([]);
      // every step answered on both engines
      for (const s of c.scenarios)
        for (const step of s.steps) expect(step.candidate.status, step.step).not.toBe(0);
      // Podman reports a removed container as `remove`, Docker as `destroy`
      const events = c.differences.filter((d) => d.scenario === 'container-lifecycle' && d.step === 'events');
      expect(events).toContainEqual(expect.objectContaining({ kind: 'missing', key: 'Action="destroy"' }));
      expect(events).toContainEqual(expect.objectContaining({ kind: 'extra', key: 'Action="remove"' }));
      // and /top does not answer as Docker's does
      expect(c.differences.some((d) => d.step === 'top')).toBe(true);
      expect(await leftovers(docker?.address ?? '', token)).toEqual([]);
      expect(await leftovers(podman?.address ?? '', token)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
