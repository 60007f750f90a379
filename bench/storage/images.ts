import { readFile } from 'node:fs/promises';
import {
  BUSYBOX_PATH,
  buildImage,
  buildLayer,
  DEFAULT_PATH,
  type FixtureImage,
  file,
  type Layer,
  symlink,
} from '../../fixtures/images/index.js';
import { contentChunks } from '../corpus/content.js';
import { sizeLabel } from './profile.js';

/** The worker's command: stays up, so writes can be exec'd into it. */
export const WORKER_CMD = ['/bin/busybox', 'sleep', '86400'] as const;

/** Where the copy-up file of `bytes` bytes lives in the copy-up image. */
export const copyUpPath = (bytes: number): string => `/data/${sizeLabel(bytes)}.bin`;

let busybox: Promise<Layer> | undefined;
const busyboxLayer = (): Promise<Layer> => {
  busybox ??= readFile(BUSYBOX_PATH).then((bin) =>
    buildLayer(
      [
        file('/bin/busybox', bin, { mode: 0o755 }),
        ...['sh', 'sleep', 'true'].map((a) => symlink(`/bin/${a}`, 'busybox')),
        file('/tmp/.keep', ''),
      ],
      { createdBy: 'shipshape bench: busybox' },
    ),
  );
  return busybox;
};

const config = { Env: [DEFAULT_PATH], Cmd: [...WORKER_CMD] };

const built = new Map<string, Promise<FixtureImage>>();
/** Builds once per process and key: every contender of a run loads the same bytes. */
const once = (key: string, build: () => Promise<FixtureImage>): Promise<FixtureImage> => {
  let p = built.get(key);
  if (!p) {
    p = build();
    built.set(key, p);
    p.catch(() => built.delete(key));
  }
  return p;
};

/** busybox, then `layers - 1` layers of one small file each: `layers` layers in all. */
export function layeredImage(layers: number, runId: string): Promise<FixtureImage> {
  return once(`l${layers}:${runId}`, () => buildLayered(layers, runId));
}

/** busybox plus one layer holding a seeded incompressible file of each size (see copyUpPath). */
export function copyUpImage(sizes: readonly number[], seed: number, runId: string): Promise<FixtureImage> {
  return once(`copy-up:${sizes.join(',')}:${seed}:${runId}`, () => buildCopyUp(sizes, seed, runId));
}

async function buildLayered(layers: number, runId: string): Promise<FixtureImage> {
  const extra: Layer[] = [];
  for (let i = 1; i < layers; i++) {
    extra.push(await buildLayer([file(`/layers/${i}`, `layer ${i}\n`)], { createdBy: `layer ${i}` }));
  }
  return buildImage({
    name: `storage-l${layers}`,
    ref: `shipshape-bench/storage-l${layers}:${runId}`,
    layers: [await busyboxLayer(), ...extra],
    config,
  });
}

async function buildCopyUp(sizes: readonly number[], seed: number, runId: string): Promise<FixtureImage> {
  const files = sizes.map((b) => file(copyUpPath(b), Buffer.concat([...contentChunks('random', seed, b)])));
  const data = await buildLayer(files, { createdBy: 'shipshape bench: copy-up files' });
  return buildImage({
    name: 'storage-copy-up',
    ref: `shipshape-bench/storage-copy-up:${runId}`,
    layers: [await busyboxLayer(), data],
    config,
  });
}
