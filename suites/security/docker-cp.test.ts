import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { DockerApiEngine } from '../../core/engines/docker-api/container-engine.js';
import { openContainerEngine } from '../../core/engines/families/families.js';
import { readTar, tarBuffer } from '../../core/tar/index.js';
import {
  buildImage,
  buildLayer,
  dir,
  dockerArchiveTar,
  file,
  fixtureImage,
  imageForHost,
  symlink,
} from '../../fixtures/images/index.js';
import { makeSentinel, type Sentinel, sentinelTarget } from '../../fixtures/malicious-layers/index.js';
import { conformance, target } from '../support/index.js';
import { attack } from './requirements.js';
import { CALL_MS } from './support/engine.js';
import { RUN_ID, SECURITY_LABEL, uniqueName, uniqueRef } from './support/names.js';
import { expectNoProblems } from './support/problems.js';

// The docker cp class (CVE-2018-15664) through GET and PUT /containers/{id}/archive: the container's
// image holds symlinks to a host sentinel directory (absolute, relative, to /), and a race swaps a real
// directory with such a symlink while the host copies. Nothing of the host is ever read or written.
const described = target();
const applies = described.family === 'docker-api';
const base = join(tmpdir(), `shipshape-sec-cp-${RUN_ID}`);
const host = sentinelTarget(base);
const CLIMB = '../'.repeat(24);
/** Bounds of the race: at most this many copies each way, and this long. */
const RACE_ROUNDS = 150;
const RACE_MS = 10_000;

let engine: DockerApiEngine;
let sentinel: Sentinel;
let image = '';
const ref = uniqueRef('cp');

beforeAll(async () => {
  if (!applies) return;
  sentinel = makeSentinel(base);
  engine = openContainerEngine(described, { timeoutMs: CALL_MS }) as DockerApiEngine;
  const probe = imageForHost(await fixtureImage('probe'));
  const layer = await buildLayer([
    dir('/w/d'),
    file('/w/d/secret', 'decoy in the container\n'),
    symlink('/w/l', host.dir),
    symlink('/w/out', host.dir),
    symlink('/w/rel', `${CLIMB}${host.dir.slice(1)}`),
    symlink('/w/root', '/'),
  ]);
  const c = probe.config.config as { Env?: string[] };
  const img = buildImage({ name: 'cp', ref, layers: [...probe.layers, layer], config: { Env: c.Env } });
  await engine.load(await dockerArchiveTar(img, { refs: [ref] }), { ref });
  image = (await engine.findImage(ref)) ?? ref;
});
afterAll(async () => {
  if (!applies) return;
  await engine.removeImage(image, { force: true }).catch(() => undefined);
  await engine.close();
  sentinel.remove();
});

/** A running container of the image doing `args`; removed by the caller (here when it does not start). */
async function container(args: readonly string[]): Promise<string> {
  const id = await engine.create({
    image,
    command: ['/bin/probe', ...args],
    name: uniqueName('cp'),
    labels: { [SECURITY_LABEL]: RUN_ID },
  });
  try {
    await engine.start(id);
  } catch (err) {
    await engine.remove(id, { force: true }).catch(() => undefined);
    throw err;
  }
  return id;
}

const get = (id: string, path: string) =>
  engine.client.raw('GET', `/containers/${id}/archive`, { query: { path }, timeoutMs: CALL_MS });
const put = async (id: string, path: string, entries: Parameters<typeof tarBuffer>[0]) =>
  engine.client.raw('PUT', `/containers/${id}/archive`, {
    query: { path },
    body: await tarBuffer(entries),
    headers: { 'Content-Type': 'application/x-tar' },
    timeoutMs: CALL_MS,
  });

/** Host content an archive GET brought back: the secret in any member. */
async function leaked(status: number, body: Buffer): Promise<string[]> {
  if (status !== 200) return [];
  const entries = await readTar(body).catch(() => []);
  return entries
    .filter((e) => e.content.toString() === host.secret)
    .map((e) => `${e.name} is the host secret`);
}

const TAGS = ['security', 'docker-cp'];

if (applies)
  describe('docker cp through symlinks that point out of the container', () => {
    conformance(
      'an archive GET through a symlink out reads nothing of the host',
      { tags: TAGS, requirements: [attack('cp.symlink-get')] },
      async () => {
        const id = await container(['sleep', '60']);
        try {
          const problems: string[] = [];
          for (const path of [
            '/w/out/secret',
            '/w/rel/secret',
            `/w/root${host.dir}/secret`,
            '/w/out/',
            '/w/out/.',
          ]) {
            const r = await get(id, path);
            console.log(`[security] ${described.name} GET archive ${path}: ${r.status}`);
            problems.push(...(await leaked(r.status, r.body)).map((p) => `${path}: ${p}`));
          }
          expectNoProblems([...problems, ...sentinel.changes()], 'archive GET');
        } finally {
          await engine.remove(id, { force: true }).catch(() => undefined);
        }
      },
    );

    conformance(
      'an archive PUT through a symlink out writes nothing to the host',
      { tags: TAGS, requirements: [attack('cp.symlink-put')] },
      async () => {
        const id = await container(['sleep', '60']);
        try {
          const statuses: string[] = [];
          for (const path of ['/w/out', '/w/rel', `/w/root${host.dir}`]) {
            const r = await put(id, path, [{ name: 'evil-put', content: 'x' }]);
            statuses.push(`${path}: ${r.status}`);
          }
          // A tar of its own that makes a symlink out and then writes through it.
          const r = await put(id, '/w', [
            { name: 'lnk', type: 'symlink', linkname: host.dir },
            { name: 'lnk/evil-through', content: 'x' },
          ]);
          statuses.push(`/w (symlink member, then a file through it): ${r.status}`);
          console.log(`[security] ${described.name} PUT archive: ${statuses.join('; ')}`);
          expectNoProblems(sentinel.changes(), 'archive PUT');
          expect(await engine.alive()).toBe(true);
        } finally {
          await engine.remove(id, { force: true }).catch(() => undefined);
        }
      },
    );

    conformance(
      `CVE-2018-15664: copies during a symlink swap (at most ${RACE_ROUNDS} rounds, ${RACE_MS / 1000} s) reach nothing of the host`,
      { tags: TAGS, requirements: [attack('cp.swap-race')], timeout: 120_000 },
      async () => {
        const id = await container(['swap-race', String(RACE_MS / 1000 + 5), '/w/d', '/w/l']);
        const problems: string[] = [];
        const tally = { get200: 0, getOther: 0, put200: 0, putOther: 0 };
        try {
          const until = Date.now() + RACE_MS;
          let round = 0;
          for (; round < RACE_ROUNDS && Date.now() < until; round++) {
            const g = await get(id, '/w/d/secret');
            if (g.status === 200) tally.get200++;
            else tally.getOther++;
            problems.push(...(await leaked(g.status, g.body)).map((p) => `round ${round}: ${p}`));
            const p = await put(id, '/w/d', [{ name: `evil-race-${round}`, content: 'x' }]);
            if (p.status === 200) tally.put200++;
            else tally.putOther++;
          }
          console.log(`[security] ${described.name} swap race: ${round} rounds, ${JSON.stringify(tally)}`);
          expectNoProblems([...problems, ...sentinel.changes()], 'copies during the swap');
        } finally {
          await engine.remove(id, { force: true }).catch(() => undefined);
        }
      },
    );
  });
