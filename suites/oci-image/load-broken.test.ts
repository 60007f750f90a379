import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { validateImage } from '../../core/image-validator/validate/index.js';
import { BROKEN_CASES } from '../../fixtures/broken-images/corpus.js';
import { tarOfFiles } from '../../fixtures/broken-images/write-files.js';
import { conformance, target } from '../support/index.js';
import { req } from './requirements.js';
import { verdictOf } from './support/broken-kinds.js';
import { EXTRA_KINDS } from './support/docker-extra-kinds.js';
import { RUN_ID, uniqueName, uniqueRef } from './support/names.js';
import { openImageEngine } from './support/open-engine.js';
import { saltDockerArchive } from './support/salt-docker-archive.js';
import { dropNamespace, inNamespace } from './support/scratch-namespace.js';
import { expectRefused, observeAnswer } from './support/verdict-checks.js';

// Broken images offered to the engine's load path. Refusal is required only where integrity or an
// explicit spec demand says so (support/broken-kinds.ts); the rest is observed and logged.
const described = target();
const engine = openImageEngine(described);
const made: string[] = [];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-oi-broken-'));
});
afterAll(async () => {
  for (const ref of made) await engine.remove(ref);
  await engine.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const titleOf = (kind: string, description: string) =>
  verdictOf(kind).verdict === 'refuse'
    ? `refuses ${kind}: ${description}`
    : `answers ${kind} without harm (informative): ${description}`;

/** Asserts the verdict of `kind` on the outcome of loading it as `ref`. */
async function judge(
  e: typeof engine,
  kind: string,
  outcome: Awaited<ReturnType<typeof engine.load>>,
  ref: string,
) {
  if (verdictOf(kind).verdict === 'refuse') await expectRefused(e, outcome, ref);
  else await observeAnswer(e, outcome, ref, kind);
}

if (described.family === 'docker-api') {
  describe('broken docker-archives through POST /images/load', () => {
    for (const c of BROKEN_CASES.filter((k) => k.kind.startsWith('docker-'))) {
      const v = verdictOf(c.kind);
      conformance(
        titleOf(c.kind, c.description),
        { tags: ['oci-image', 'load', 'broken'], requirements: req('docker-api:ImageLoad', v.requirement) },
        async () => {
          const ref = uniqueRef(c.kind);
          made.push(ref);
          const built = await c.build();
          const raw = Buffer.isBuffer(built) ? built : await tarOfFiles(built);
          const salted = await saltDockerArchive(raw, ref, `${RUN_ID} ${ref}`);
          const path = join(dir, `${c.kind}.tar`);
          await writeFile(path, salted);
          const ruleIds = (await validateImage(path, { timeoutMs: 30_000 })).defects.map((d) => d.ruleId);
          expect(ruleIds, 'the salted archive keeps its defect').toContain(c.ruleId);
          await judge(engine, c.kind, await engine.load(salted, ref), ref);
        },
      );
    }
    for (const x of EXTRA_KINDS) {
      conformance(
        titleOf(x.kind, x.description),
        {
          tags: ['oci-image', 'load', 'broken'],
          requirements: req('docker-api:ImageLoad', verdictOf(x.kind).requirement),
        },
        async () => {
          const ref = uniqueRef(x.kind);
          made.push(ref);
          const tar = await x.build(ref, `${RUN_ID} ${ref}`);
          const path = join(dir, `${x.kind}.tar`);
          await writeFile(path, tar);
          expect(
            (await validateImage(path, { timeoutMs: 30_000 })).valid,
            'the validator rejects it too',
          ).toBe(false);
          await judge(engine, x.kind, await engine.load(tar, ref), ref);
        },
      );
    }
  });
}

if (described.family === 'containerd') {
  describe('broken OCI archives through ctr images import (each in a scratch namespace)', () => {
    for (const c of BROKEN_CASES.filter((k) => !k.kind.startsWith('docker-'))) {
      const v = verdictOf(c.kind);
      conformance(
        titleOf(c.kind, c.description),
        {
          tags: ['oci-image', 'load', 'broken'],
          requirements: req('containerd:images.import', v.requirement),
          timeout: 90_000,
        },
        async () => {
          const namespace = uniqueName(c.kind);
          const scratch = openImageEngine(inNamespace(described, namespace));
          const ref = `${uniqueRef(c.kind).replace(/:v1$/, '')}:latest`;
          try {
            const built = await c.build();
            const tar = Buffer.isBuffer(built) ? built : await tarOfFiles(built);
            await judge(scratch, c.kind, await scratch.load(tar, ref), ref);
          } finally {
            await scratch.close();
            await dropNamespace(described, namespace);
          }
        },
      );
    }
  });
}
