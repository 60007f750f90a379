import { tarBuffer } from '../../../core/tar/index.js';
import { sha256Digest } from '../../../fixtures/images/blob.js';
import {
  buildImage,
  buildLayer,
  dockerArchiveFiles,
  dockerArchiveTar,
  type FixtureImage,
  file,
  type Layer,
} from '../../../fixtures/images/index.js';
import { filesToMembers } from '../../../fixtures/images/oci-layout.js';

/** A docker-archive kind of our own, for integrity cases the corpus has only as OCI layouts. */
export interface ExtraKind {
  readonly kind: string;
  readonly description: string;
  readonly build: (ref: string, salt: string) => Promise<Buffer>;
}

const saltedImage = async (ref: string, salt: string, layer?: Layer): Promise<FixtureImage> =>
  buildImage({
    name: 'broken',
    ref,
    layers: [layer ?? (await buildLayer([file('/etc/salt', `${salt}\n`)]))],
    config: { Cmd: ['/bin/sh'] },
  });

export const EXTRA_KINDS: readonly ExtraKind[] = [
  {
    kind: 'docker-layer-truncated',
    description: 'layer.tar cut inside a file; config diff_id is the digest of the cut bytes',
    build: async (ref, salt) => {
      const whole = await buildLayer([file('/data/blob', `${salt}\n`.repeat(200))]);
      const start = whole.tar.indexOf(Buffer.from(salt));
      const cut = whole.tar.subarray(0, start + 600);
      const layer: Layer = { ...whole, tar: cut, diffId: sha256Digest(cut) };
      return dockerArchiveTar(await saltedImage(ref, salt, layer), { refs: [ref] });
    },
  },
  {
    kind: 'docker-config-missing',
    description: 'manifest.json names a config file that is not in the archive',
    build: async (ref, salt) => {
      const image = await saltedImage(ref, salt);
      const files = dockerArchiveFiles(image, { refs: [ref] });
      files.delete(`${image.id.slice('sha256:'.length)}.json`);
      return tarBuffer(filesToMembers(files));
    },
  },
];
