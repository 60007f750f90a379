import { afterAll, beforeAll, describe } from 'vitest';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import { DockerApiEngine } from '../../core/engines/docker-api/container-engine.js';
import { malformedRequests } from '../../core/fuzz/malformed-requests.js';
import { type FuzzReport, pingsWithin, runFuzz } from '../../core/fuzz/run-fuzz.js';
import { daemonPids } from '../../core/host/daemon.js';
import { testSeed } from '../../core/prng.js';
import { conformance, reportFigures, target } from '../support/index.js';
import { attack } from './requirements.js';
import { openEngine } from './support/engine.js';
import { ProbeImage } from './support/probe-image.js';
import { expectNoProblems } from './support/problems.js';

// Hostile API input: the seeded malformed-request generator (core/fuzz) sends 1,000 requests (wrong
// types, bad or over-long JSON, bad names, unknown routes, broken version prefixes, archive paths that
// climb, bad queries and methods, requests HTTP itself refuses) at the engine. Recorded: crashes (the
// daemon's processes must be the same and answer _ping within 1 s afterwards) and every answer that is
// not a 4xx with a JSON {"message"}. SHIPSHAPE_SEED replays another sequence.
const described = target();
const applies = described.family === 'docker-api' && !described.address.startsWith('tcp://');
const SEED = testSeed(0x5eed);
const COUNT = 1000;

let engine: ContainerEngine;
let probe: ProbeImage;
let container = '';
let pidsBefore: number[] = [];
let started = 0;
let run: Promise<{ report: FuzzReport; pings: boolean; pidsAfter: number[] }> | undefined;

beforeAll(async () => {
  if (!applies) return;
  engine = openEngine(described);
  probe = new ProbeImage(engine);
  await probe.load();
  container = await engine.create(probe.spec(['sleep', '60']));
});
/**
 * What an engine with lax checks made from the fuzz requests during the run (containers, images and
 * volumes named `fuzz-…` by the generator): removed, so the run leaves nothing behind.
 */
async function removeFuzzLeftovers(e: DockerApiEngine, since: number): Promise<string[]> {
  const removed: string[] = [];
  const after = (created: number | string | undefined) =>
    created !== undefined &&
    (typeof created === 'number' ? created * 1000 : Date.parse(created)) >= since - 1000;
  for (const c of await e.client.containers.list({ all: true }).catch(() => [])) {
    if ((c.Names ?? []).some((n) => n.includes('fuzz-')) && after(c.Created) && c.Id) {
      await e.remove(c.Id, { force: true }).catch(() => undefined);
      removed.push(`container ${c.Names?.[0]}`);
    }
  }
  for (const i of await e.client.images.list({ all: true }).catch(() => [])) {
    for (const tag of (i.RepoTags ?? []).filter((t) => t.includes('fuzz-'))) {
      await e.removeImage(tag, { force: true }).catch(() => undefined);
      removed.push(`image ${tag}`);
    }
  }
  const volumes = await e.client.raw('GET', '/volumes').catch(() => undefined);
  const list =
    (volumes?.json() as { Volumes?: { Name: string; CreatedAt?: string }[] } | undefined)?.Volumes ?? [];
  for (const v of list.filter((x) => x.Name.startsWith('fuzz') && after(x.CreatedAt))) {
    await e.client
      .raw('DELETE', `/volumes/${encodeURIComponent(v.Name)}`, { query: { force: '1' } })
      .catch(() => undefined);
    removed.push(`volume ${v.Name}`);
  }
  return removed;
}

afterAll(async () => {
  if (!applies) return;
  if (started > 0 && engine instanceof DockerApiEngine) {
    const removed = await removeFuzzLeftovers(engine, started);
    if (removed.length > 0)
      console.log(`[security] ${described.name}: removed what the fuzz run made: ${removed.join(', ')}`);
  }
  await engine.remove(container, { force: true }).catch(() => undefined);
  await probe.unload();
  await engine.close();
});

/** The one fuzz run of this file, shared by its tests. */
const fuzz = () => {
  run ??= (async () => {
    pidsBefore = await daemonPids(described.address);
    started = Date.now();
    const cases = malformedRequests({ seed: SEED, count: COUNT, target: { container, image: probe.name } });
    const report = await runFuzz(described.address, cases, { timeoutMs: 15_000 });
    const pings = await pingsWithin(described.address, 1_000);
    return { report, pings, pidsAfter: await daemonPids(described.address) };
  })();
  return run;
};

if (applies)
  describe(`hostile API input (${COUNT} seeded malformed requests)`, () => {
    conformance(
      'the daemon survives them all and answers _ping within 1 s afterwards',
      { tags: ['security', 'hostile-api'], requirements: [attack('api.hostile-input')], timeout: 600_000 },
      async (ctx) => {
        const { report, pings, pidsAfter } = await fuzz();
        reportFigures(ctx, {
          sent: report.sent,
          refused_as_expected: report.passed,
          other_answers: report.failures.filter((f) => f.status !== undefined).length,
          no_answer: report.failures.filter((f) => f.status === undefined).length,
          duration_ms: report.durationMs,
          slowest_ms: report.slowest.ms,
        });
        const problems: string[] = [];
        if (report.diedAfter !== undefined)
          problems.push(`stopped answering after case ${report.diedAfter} (seed ${SEED})`);
        if (!pings) problems.push('_ping did not answer within 1 s after the run');
        const gone = pidsBefore.filter((p) => !pidsAfter.includes(p));
        if (gone.length > 0)
          problems.push(`daemon process ${gone.join(', ')} is gone (crashed or restarted)`);
        expectNoProblems(problems, `${described.name} under hostile input`);
      },
    );

    conformance(
      'every malformed request is refused with a 4xx and a JSON {"message"}',
      { tags: ['security', 'hostile-api'], requirements: [attack('api.hostile-input')], timeout: 600_000 },
      async () => {
        const { report } = await fuzz();
        const byWhy = new Map<string, number>();
        for (const f of report.failures)
          byWhy.set(`${f.category}: ${f.why}`, (byWhy.get(`${f.category}: ${f.why}`) ?? 0) + 1);
        console.log(
          `[security] ${described.name} fuzz (seed ${SEED}): ${report.passed}/${report.sent} refused as expected; statuses ${JSON.stringify(report.statuses)}`,
        );
        for (const f of report.failures.slice(0, 40))
          console.log(
            `[security]   #${f.n} ${f.category} ${f.request} -> ${f.status ?? 'no answer'}: ${f.why} ${f.body ?? ''}`,
          );
        const summary = [...byWhy].map(([why, n]) => `${n} x ${why}`);
        const examples = report.failures
          .slice(0, 5)
          .map((f) => `#${f.n} ${f.request} (${f.what}) -> ${f.status ?? 'none'}`);
        expectNoProblems(
          summary.length > 0 ? [...summary, `e.g. ${examples.join('; ')}`] : [],
          `${described.name} answers`,
        );
      },
    );
  });
