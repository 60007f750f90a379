import { afterAll, beforeAll, describe } from 'vitest';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import { DockerApiEngine } from '../../core/engines/docker-api/container-engine.js';
import { conformance, target } from '../support/index.js';
import { attack } from './requirements.js';
import { dropNamespace, imagesLeft, inNamespace, openEngine, tryLoad } from './support/engine.js';
import { RUN_ID, uniqueName, uniqueRef } from './support/names.js';
import { expectNoProblems } from './support/problems.js';
import { TAMPERED_CASES, type TamperedCase } from './support/tampered.js';

// Tampered content through the engine's load, in both archive forms: each is refused with a message,
// and the image list is the same before and after (containerd: in a scratch namespace, which must stay
// empty; Docker API: the whole list, where nothing under the ref or with one of the image's IDs appears).
const described = target();
const applies = described.family === 'docker-api' || described.family === 'containerd';
let engine: ContainerEngine;

beforeAll(() => {
  if (applies) engine = openEngine(described);
});
afterAll(async () => {
  if (applies) await engine.close();
});

/** `Id tags` of every image, sorted (Docker API). */
async function imageList(e: ContainerEngine): Promise<string[]> {
  if (!(e instanceof DockerApiEngine)) return [];
  const all = await e.client.images.list({ all: true });
  return all.map((i) => `${i.Id} ${[...(i.RepoTags ?? [])].sort().join(',')}`).sort();
}

async function check(e: ContainerEngine, c: TamperedCase, ref: string): Promise<string[]> {
  const { tar, ids } = await c.build(ref, `${RUN_ID} ${c.id}`);
  const before = await imageList(e);
  const outcome = await tryLoad(e, tar, ref);
  const problems: string[] = [];
  if (outcome.ok) problems.push(`accepted: ${outcome.message.trim().split('\n').pop()}`);
  else {
    console.log(
      `[security] ${described.name} ${c.id}: refused (${outcome.status}): ${outcome.message.trim()}`,
    );
    if (outcome.message.trim() === '') problems.push('the refusal carries no message');
  }
  for (const id of ids) {
    const left = await imagesLeft(described, e, ref, id);
    if (left.length > 0) problems.push(`images left: ${left.join(', ')}`);
  }
  const after = await imageList(e);
  const added = after.filter((l) => !before.includes(l));
  const mine = added.filter(
    (l) => l.includes(ref) || ids.some((id) => l.includes(id.replace(/^sha256:/, ''))),
  );
  if (mine.length > 0) problems.push(`the image list gained ${mine.join('; ')}`);
  if (added.length > mine.length)
    console.log(
      `[security] ${described.name}: images added meanwhile by others: ${added.length - mine.length}`,
    );
  if (!(await e.alive())) problems.push(`${described.name} no longer answers`);
  return [...new Set(problems)];
}

if (applies)
  describe('tampered content is refused and leaves the image list as it was', () => {
    for (const c of TAMPERED_CASES) {
      conformance(
        `refuses ${c.id} (${c.form}): ${c.description}`,
        { tags: ['security', 'tampered-content'], requirements: [attack(c.attack)], timeout: 120_000 },
        async () => {
          const ref = uniqueRef(c.id);
          if (described.family === 'containerd') {
            const ns = uniqueName(c.id);
            const scratch = openEngine(inNamespace(described, ns));
            try {
              expectNoProblems(await check(scratch, c, ref), `${described.name} on ${c.id}`);
            } finally {
              await scratch.close();
              await dropNamespace(described, ns);
            }
            return;
          }
          try {
            expectNoProblems(await check(engine, c, ref), `${described.name} on ${c.id}`);
          } finally {
            const name = await engine.findImage(ref).catch(() => undefined);
            if (name !== undefined) await engine.removeImage(name, { force: true }).catch(() => undefined);
          }
        },
      );
    }
  });
