import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import {
  createSentinel,
  type MaliciousLayer,
  maliciousCorpus,
  maliciousDockerArchive,
  maliciousImage,
  type Sentinel,
} from '../../fixtures/malicious-layers/index.js';
import { InvalidArgument } from '../errors.js';
import { ImageStore } from '../images/image-store.js';
import { chainIds } from './chain-id.js';
import { type DriverName, openDriver } from './drivers/open-driver.js';
import { unpackImage } from './unpack-image.js';

// The reference engine's own load path with the malicious corpus: ImageStore.load (what POST
// /images/load calls) and then unpackImage into a storage driver (what container create calls). The
// host sentinel never changes; a refused load leaves the index as it was; a layer refused at unpack
// leaves no snapshot of its own; every culprit is refused, as InvalidArgument.
let sentinel: Sentinel;
let corpus: MaliciousLayer[];
let work: string;

beforeAll(async () => {
  sentinel = createSentinel('evil-store');
  corpus = await maliciousCorpus(sentinel.target);
  work = await mkdtemp(join(tmpdir(), 'shipshape-evil-store-'));
});
afterAll(async () => {
  sentinel.remove();
  await rm(work, { recursive: true, force: true });
});

const chunks = async function* (data: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += 64 << 10) yield data.subarray(at, at + (64 << 10));
};

const drivers: DriverName[] = process.getuid?.() === 0 ? ['vfs', 'overlay'] : ['vfs'];

describe.each(drivers)('the malicious corpus through ImageStore.load and unpackImage (%s)', (driverName) => {
  it('never changes the host, refuses every culprit and leaves nothing half-made', async () => {
    const probe = imageForHost(await fixtureImage('probe'));
    const root = join(work, driverName);
    const images = await ImageStore.open(join(root, 'images'));
    const driver = openDriver(driverName, join(root, 'storage'));
    const wrong: string[] = [];
    for (const c of corpus) {
      const ref = `evil/${c.id}:1`;
      const image = maliciousImage(probe, c, ref, 'unit');
      const before = JSON.stringify(images.list());
      const loaded = await images.load(chunks(await maliciousDockerArchive(image))).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      if (loaded !== undefined) {
        if (JSON.stringify(images.list()) !== before) wrong.push(`${c.id}: a refused load changed the index`);
        if (!(loaded instanceof InvalidArgument)) wrong.push(`${c.id}: load failed with ${loaded.message}`);
      } else {
        const unpacked = await unpackImage(images, driver, ref).then(
          () => undefined,
          (err: unknown) => err as Error,
        );
        const keys: string[] = [];
        await driver.walk((info) => {
          keys.push(info.key);
        });
        const evil = chainIds(image.layers.map((l) => l.diffId)).at(-1) as string;
        if (unpacked !== undefined && keys.some((k) => k === evil || k.startsWith('extract-')))
          wrong.push(
            `${c.id}: a refused unpack left snapshots: ${keys.filter((k) => k === evil || k.startsWith('extract-'))}`,
          );
        if (c.culprit !== undefined && !(unpacked instanceof InvalidArgument))
          wrong.push(
            `${c.id}: unpack ${unpacked === undefined ? 'succeeded' : `failed with ${unpacked.message}`}`,
          );
        await images.remove(ref, { force: true });
      }
      expect(sentinel.changes(), c.id).toEqual([]);
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
