import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import { dockerArchiveTar, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import {
  type MaliciousLayer,
  makeSentinel,
  maliciousCorpus,
  maliciousDockerArchive,
  maliciousImage,
  type Sentinel,
  sentinelTarget,
} from '../../fixtures/malicious-layers/index.js';
import { conformance, target } from '../support/index.js';
import { attack } from './requirements.js';
import {
  CALL_MS,
  dropNamespace,
  imagesLeft,
  inNamespace,
  type LoadOutcome,
  openEngine,
  tryLoad,
} from './support/engine.js';
import { insideCommand, insideProblems } from './support/inside.js';
import { RUN_ID, SECURITY_LABEL, uniqueName, uniqueRef } from './support/names.js';
import { expectNoProblems } from './support/problems.js';

// Each layer of the malicious corpus goes through the engine's image load (POST /images/load, ctr
// import); where the load succeeds a container is started from it. Every time: the sentinel directory
// the attacks aim at is unchanged, a refusal has a message and leaves no image, the engine still
// answers. Whiteout-like attacks also check that the lower layers, shared with the plain probe image,
// are intact. containerd: each case in a scratch namespace of its own.
const described = target();
const applies = described.family === 'docker-api' || described.family === 'containerd';
const base = join(tmpdir(), `shipshape-sec-layers-${RUN_ID}`);
const target_ = sentinelTarget(base);
const corpus = applies ? await maliciousCorpus(target_) : [];
const SHARED = new Set(['whiteout-escape', 'opaque-whiteout', 'dir-replaced', 'duplicate-entry']);

let sentinel: Sentinel | undefined;
let engine: ContainerEngine;
let baseRef = '';
let baseName = '';

const readPasswd = async (e: ContainerEngine, image: string): Promise<string> =>
  (
    await e.run({
      image,
      command: ['/bin/probe', 'read', '/etc/passwd'],
      labels: { [SECURITY_LABEL]: RUN_ID },
    })
  ).stdout;

beforeAll(async () => {
  if (!applies) return;
  sentinel = makeSentinel(base);
  engine = openEngine(described);
  if (described.family === 'docker-api') {
    baseRef = uniqueRef('probe');
    const probe = await fixtureImage('probe');
    const loaded = await engine.load(await dockerArchiveTar(probe, { refs: [baseRef] }), { ref: baseRef });
    baseName = (await engine.findImage(baseRef)) ?? loaded.images[0] ?? baseRef;
  }
});

afterAll(async () => {
  if (!applies) return;
  if (baseName) await engine.removeImage(baseName, { force: true }).catch(() => undefined);
  await engine.close();
  sentinel?.remove();
});

/** Per refused case, what was wrong with the refusal (no message, an image left); checked last. */
const refusals = new Map<string, string[]>();

/** Everything one case showed that is wrong with the engine's defence (the refusal's hygiene aside). */
async function runCase(e: ContainerEngine, c: MaliciousLayer, ref: string): Promise<string[]> {
  const problems: string[] = [];
  const image = maliciousImage(imageForHost(await fixtureImage('probe')), c, ref, RUN_ID);
  const outcome: LoadOutcome = await tryLoad(e, await maliciousDockerArchive(image), ref);
  const sentinelNow = () => (sentinel as Sentinel).changes();
  problems.push(...sentinelNow().map((l) => `after the load, the host changed: ${l}`));
  if (!outcome.ok) {
    console.log(
      `[security] ${described.name} ${c.id}: refused at load (${outcome.status}): ${outcome.message.trim()}`,
    );
    const unclean: string[] = [];
    if (outcome.message.trim() === '') unclean.push('the refusal carries no message');
    const left = await imagesLeft(described, e, ref, image.id);
    if (left.length > 0) unclean.push(`the refused load left images: ${left.join(', ')}`);
    refusals.set(c.id, unclean);
  } else {
    const name = (await e.findImage(ref)) ?? outcome.images[0] ?? ref;
    const command = ['/bin/probe', 'sh', '-c', c.inside.length > 0 ? insideCommand(c.inside) : 'exit 0'];
    const run = await e
      .run(
        { image: name, command, name: uniqueName('run'), labels: { [SECURITY_LABEL]: RUN_ID } },
        { timeoutMs: CALL_MS },
      )
      .then(
        (r) => ({ ok: true as const, stdout: r.stdout, exitCode: r.exitCode }),
        (err: Error) => ({ ok: false as const, message: err.message }),
      );
    const said = run.ok
      ? `container exited ${run.exitCode}`
      : `container refused: ${run.message.split('\n')[0]}`;
    console.log(`[security] ${described.name} ${c.id}: loaded; ${said}`);
    if (run.ok) problems.push(...insideProblems(c.inside, run.stdout, target_.secret));
    problems.push(...sentinelNow().map((l) => `after the container, the host changed: ${l}`));
  }
  if (!(await e.alive())) problems.push(`${described.name} no longer answers`);
  return problems;
}

const ROOT_LINE = 'root:x:0:0:root:/root:/bin/sh';

/** The shared lower layers still hold the plain probe image's files. */
async function sharedLayersProblems(e: ContainerEngine, probeName: string): Promise<string[]> {
  const now = await readPasswd(e, probeName).catch((err: Error) => `failed: ${err.message}`);
  return now.includes(ROOT_LINE)
    ? []
    : [`the plain probe image changed: /etc/passwd reads ${now.slice(0, 200)}`];
}

if (applies)
  describe(`malicious layers through ${described.family === 'containerd' ? 'ctr images import' : 'POST /images/load'}`, () => {
    for (const c of corpus) {
      conformance(
        `blocks ${c.id}: ${c.description}`,
        {
          tags: ['security', 'malicious-layers'],
          requirements: [attack(`layer.${c.attack}`)],
          timeout: c.attack === 'gzip-bomb' ? 240_000 : 120_000,
        },
        async () => {
          const ref = uniqueRef(c.id);
          const problems: string[] = [];
          if (described.family === 'containerd') {
            const ns = uniqueName(c.id);
            const scratch = openEngine(inNamespace(described, ns));
            try {
              problems.push(...(await runCase(scratch, c, ref)));
              if (SHARED.has(c.attack)) {
                const probeRef = uniqueRef('probe');
                const probe = await fixtureImage('probe');
                await scratch.load(await dockerArchiveTar(probe, { refs: [probeRef] }), { ref: probeRef });
                const name = (await scratch.findImage(probeRef)) ?? probeRef;
                problems.push(...(await sharedLayersProblems(scratch, name)));
              }
            } finally {
              await scratch.close();
              await dropNamespace(described, ns);
            }
          } else {
            try {
              problems.push(...(await runCase(engine, c, ref)));
              if (SHARED.has(c.attack)) problems.push(...(await sharedLayersProblems(engine, baseName)));
            } finally {
              const name = await engine.findImage(ref).catch(() => undefined);
              if (name !== undefined) await engine.removeImage(name, { force: true }).catch(() => undefined);
            }
          }
          expectNoProblems(problems, `${described.name} on ${c.id}`);
        },
      );
    }
    conformance(
      'says why it refused each malicious layer, and the refused load leaves no image',
      { tags: ['security', 'malicious-layers'], requirements: [attack('layer.refusal-clean')] },
      (ctx) => {
        if (refusals.size === 0) ctx.skip('no malicious layer was refused in this run');
        const problems = [...refusals].flatMap(([id, list]) => list.map((p) => `${id}: ${p}`));
        console.log(
          `[security] ${described.name} refused ${refusals.size} of ${corpus.length} malicious layers`,
        );
        expectNoProblems(problems, `${described.name} refusals`);
      },
    );
  });
