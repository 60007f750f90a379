import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineState } from '../../core/fuzz/engine-state.js';
import { malformedRequests } from '../../core/fuzz/malformed-requests.js';
import { requestBytes, sendRaw } from '../../core/fuzz/raw-http.js';
import { type FuzzFailure, pingsWithin, runFuzz } from '../../core/fuzz/run-fuzz.js';
import { testSeed } from '../../core/prng.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import {
  type ShipdDirs,
  ShipdProcess,
  scrubShipd,
  shipdDirs,
  whyNoShipd,
} from './testing/shipd-under-test.js';

// Malformed requests to the built daemon: 1,000 of them, seeded (core/fuzz, the same generator the
// security suite points at any engine). Every answer is a 4xx with {"message"}; the daemon stays up
// and nothing it holds changes.

const why = whyNoShipd();
const PROBE = 'probe:fuzz';
const SEED = testSeed(0xf022);
const COUNT = 1000;
let probeTar: Buffer;
const scratch: ShipdDirs[] = [];

beforeAll(async () => {
  if (why) return;
  probeTar = await dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE] });
}, 120_000);

afterEach(async () => {
  for (const dirs of scratch.splice(0)) await scrubShipd(dirs);
}, 60_000);

/** Every path under `dir`, relative, sorted (the daemon's root is small: one image, one container). */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      out.push(relative(dir, join(at, e.name)));
      if (e.isDirectory()) walk(join(at, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/** Failures grouped by category and reason, a few examples each: a readable assertion message. */
function summary(failures: readonly FuzzFailure[]): string {
  const groups = new Map<string, FuzzFailure[]>();
  for (const f of failures) {
    const key = `${f.category}: ${f.why}${f.status ? ` (${f.status})` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups]
    .map(
      ([key, fs]) =>
        `${key} x${fs.length}\n${fs
          .slice(0, 3)
          .map((f) => `  #${f.n} ${f.request} — ${f.what} — ${f.body ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

describe.skipIf(why !== '')(`shipd fuzz${why ? ` (${why})` : ''}`, () => {
  it(`answers ${COUNT} malformed requests (seed ${SEED}) with a 4xx and {"message"}, stays up, changes nothing`, async () => {
    const dirs = shipdDirs('shipd-fuzz-');
    scratch.push(dirs);
    const shipd = await ShipdProcess.start(dirs, { driver: 'overlay' });
    await shipd.api.images.load(probeTar);
    const { Id: target } = await shipd.api.containers.create('fuzz-target', {
      Image: PROBE,
      Cmd: ['sleep', '60'],
      HostConfig: { NetworkMode: 'none' },
    });
    const address = `unix://${dirs.sock}`;
    const cases = malformedRequests({
      seed: SEED,
      count: COUNT,
      target: { container: target, image: PROBE },
    });
    // An archive call mounts the target's rootfs (its mount point and overlay's work dir stay, as with
    // dockerd): made once before the root is listed, so that the listing compares what the fuzz did.
    expect(
      (await shipd.api.raw('HEAD', `/containers/${target}/archive`, { query: { path: '/bin' } })).status,
    ).toBe(200);
    const stateBefore = await engineState(shipd.api);
    const targetBefore = await shipd.api.containers.inspect(target);
    const treeBefore = tree(dirs.root);

    const report = await runFuzz(address, cases);

    expect(report.diedAfter).toBeUndefined();
    expect(shipd.running).toBe(true);
    expect(await pingsWithin(address, 1000)).toBe(true);
    expect(report.failures, summary(report.failures)).toEqual([]);
    expect(report.sent).toBe(COUNT);
    expect(await engineState(shipd.api)).toEqual(stateBefore);
    expect(await shipd.api.containers.inspect(target)).toEqual(targetBefore);
    expect(tree(dirs.root)).toEqual(treeBefore);
    // Archive paths climbing out of the container's root reached nothing outside it.
    expect(readdirSync('/').filter((n) => n.startsWith('fuzz-missing'))).toEqual([]);
    expect(readdirSync('/tmp').filter((n) => n.startsWith('fuzz-missing'))).toEqual([]);
    expect(existsSync('/etc/fuzz-missing')).toBe(false);
    expect(await shipd.stop()).toBe(0);
  }, 120_000);

  it('answers as dockerd does where the input only looks wrong: a negative tail is every line', async () => {
    const dirs = shipdDirs('shipd-fuzz-');
    scratch.push(dirs);
    const shipd = await ShipdProcess.start(dirs, { driver: 'overlay' });
    await shipd.api.images.load(probeTar);
    const { Id } = await shipd.api.containers.create('echo', {
      Image: PROBE,
      Cmd: ['tick', '1', '3'],
      HostConfig: { NetworkMode: 'none' },
    });
    await shipd.api.containers.start(Id);
    await shipd.api.containers.wait(Id);
    const all = await shipd.api.containers.logs(Id, { stdout: true, tail: -5 });
    expect(all.stdout.toString()).toBe('tick 1\ntick 2\ntick 3\n');
    await shipd.api.containers.remove(Id);
    expect(await shipd.stop()).toBe(0);
  }, 60_000);

  it('answers a client that half-closes after its request', async () => {
    const dirs = shipdDirs('shipd-fuzz-');
    scratch.push(dirs);
    const shipd = await ShipdProcess.start(dirs, { driver: 'vfs' });
    await shipd.api.images.load(probeTar);
    // A create answers after an await (the image's config is read before the name is checked): the
    // client's end of stream comes first, and Node used to drop the request then, unanswered.
    const body = Buffer.from(JSON.stringify({ Image: PROBE }));
    const headers = { 'Content-Type': 'application/json' };
    const bytes = requestBytes('POST', '/containers/create?name=x', headers, body);
    const answer = await sendRaw(`unix://${dirs.sock}`, bytes, 5000, false, { halfClose: true });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString())).toEqual({
      message: 'Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed',
    });
    expect(await shipd.stop()).toBe(0);
  }, 60_000);
});
