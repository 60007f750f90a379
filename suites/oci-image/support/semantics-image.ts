import { readTar, tarBuffer } from '../../../core/tar/index.js';
import { blobOf, sha256Digest } from '../../../fixtures/images/blob.js';
import {
  buildImage,
  buildLayer,
  DEFAULT_PATH,
  deterministicGzip,
  type FixtureImage,
  fixtureImage,
  imageForHost,
  type Layer,
  type TreeEntry,
} from '../../../fixtures/images/index.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { LayerCase } from './layer-case.js';

/** Where the cases live in the image. */
export const CASES_ROOT = '/cases';

const under = (c: LayerCase, e: TreeEntry): TreeEntry => {
  const path = `${CASES_ROOT}/${c.name}/${e.path}`;
  return e.type === 'hardlink'
    ? { ...e, path, target: `${CASES_ROOT}/${c.name}/${e.target}` }
    : { ...e, path };
};

/** Sets PAX mtimes (with a fraction) on some members, then rebuilds digests and the gzip blob. */
async function withPaxMtimes(layer: Layer, pax: ReadonlyMap<string, string>): Promise<Layer> {
  if (pax.size === 0) return layer;
  const members = (await readTar(layer.tar)).map((m) => {
    const value = pax.get(m.name);
    return value === undefined ? m : { ...m, pax: { mtime: value } };
  });
  const tar = await tarBuffer(members);
  return {
    ...layer,
    tar,
    diffId: sha256Digest(tar),
    blob: blobOf(MediaType.ociLayerGzip, deterministicGzip(tar)),
  };
}

/** The probe image plus one layer per step of the cases (all cases share each step's layer). */
export async function buildSemanticsImage(cases: readonly LayerCase[], ref: string): Promise<FixtureImage> {
  const probe = imageForHost(await fixtureImage('probe'));
  const steps = Math.max(...cases.map((c) => c.layers.length));
  const layers: Layer[] = [];
  for (let i = 0; i < steps; i++) {
    const entries = cases.flatMap((c) => (c.layers[i] ?? []).map((e) => under(c, e)));
    const pax = new Map<string, string>();
    if (i === 0) {
      for (const c of cases) {
        for (const [path, value] of Object.entries(c.paxMtime ?? {}))
          pax.set(`cases/${c.name}/${path}`, value);
      }
    }
    const layer = await buildLayer(entries, {
      createdBy: `shipshape oci-image: layer semantics step ${i + 1}`,
    });
    layers.push(await withPaxMtimes(layer, pax));
  }
  return buildImage({
    name: 'oci-image-semantics',
    ref,
    layers: [...probe.layers, ...layers],
    config: { Env: [DEFAULT_PATH], Entrypoint: ['/bin/probe'], Cmd: ['tree', CASES_ROOT] },
  });
}
