import { describe, expect, it } from 'vitest';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import { NotFound } from '../errors.js';
import { IS_ROOT, mountsUnder, PROBE_REF, processesWith, useManager } from './testing/manager-under-test.js';

// A start that fails (the process cannot be run), as dockerd handles it: the container stays created
// with exit code 127 and the error, attach sessions end (nextStartFailure) while API waits go on, and
// an AutoRemove container is removed.

const probeArchive = async () =>
  dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE_REF] });
const SKIP = IS_ROOT ? false : 'needs root (overlay mounts, namespaces, cgroups)';
const missing = { Image: PROBE_REF, Entrypoint: ['/no/such/binary'] };

describe.skipIf(SKIP)('a failed start', () => {
  const t = useManager(probeArchive, 'shipd-startfail-');

  it('keeps the container created with 127, wakes nextStartFailure and not next-exit', async () => {
    const m = t.manager;
    const { id } = await m.create({ body: { ...missing, HostConfig: { NetworkMode: 'none' } } });
    const failure = m.nextStartFailure(id);
    let exited = false;
    const abort = new AbortController();
    void m.wait(id, 'next-exit', abort.signal).then(
      () => {
        exited = true;
      },
      () => {},
    );
    await expect(m.start(id)).rejects.toThrow(/no\/such\/binary/);
    await failure;
    await new Promise((r) => setTimeout(r, 100));
    expect(exited).toBe(false);
    abort.abort();
    expect(m.get(id).state).toMatchObject({ status: 'created', exitCode: 127 });
    expect(t.events.filter((e) => e.Actor.ID === id).map((e) => e.Action)).toEqual(['create']);
  }, 60_000);

  it('removes an AutoRemove container, with a destroy event and no die', async () => {
    const m = t.manager;
    const { id } = await m.create({
      body: { ...missing, HostConfig: { NetworkMode: 'none', AutoRemove: true } },
    });
    const removed = m.wait(id, 'removed');
    await expect(m.start(id)).rejects.toThrow(/no\/such\/binary/);
    expect(await removed).toEqual({ StatusCode: 127, Error: null }); // dockerd: the removal cleared it
    expect(() => m.get(id)).toThrow(NotFound);
    expect(t.events.filter((e) => e.Actor.ID === id).map((e) => e.Action)).toEqual(['create', 'destroy']);
    expect(mountsUnder(t.dir)).toEqual([]);
    expect(processesWith(id)).toEqual([]);
  }, 60_000);
});
