import type { Readable } from 'node:stream';
import { EngineError } from '../../errors.js';
import type { EngineCall, LoadOptions, LoadResult } from '../container-engine/types.js';
import { baseNameOf, normalizeRef } from '../image-ref.js';
import { type CtrTarget, ctrCall, ctrMessage } from './ctr-call.js';
import { listImages } from './images.js';

/**
 * `ctr images import --base-name REPO -` of a docker-archive or OCI archive (named by its ref.name tag).
 * A non-zero exit is the engine's refusal; the names are those ctr says it unpacked.
 */
export async function importArchive(
  t: CtrTarget,
  archive: Uint8Array | Readable,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const base = opts.ref === undefined ? [] : ['--base-name', baseNameOf(opts.ref)];
  const r = await ctrCall(t, ['images', 'import', ...base, '-'], {
    timeoutMs: opts.timeoutMs,
    input: archive,
    allowFailure: true,
  });
  if (r.exitCode !== 0) throw new EngineError(r.exitCode, ctrMessage(r.stderr), 'ctr images import');
  const images = [...r.stdout.matchAll(/^unpacking (\S+) \(/gm)].map((m) => m[1] as string);
  return { images, message: r.stdout };
}

/** containerd holds images under the fully qualified name (`docker.io/library/x:latest`). */
export async function findImage(
  t: CtrTarget,
  ref: string,
  opts: EngineCall = {},
): Promise<string | undefined> {
  const full = normalizeRef(ref);
  return (await listImages(t, opts)).some((i) => i.ref === full) ? full : undefined;
}

interface Manifestish {
  manifests?: { digest: string; platform?: { os?: string } }[];
  config?: { digest: string };
}

/** The config digest: the image's manifest (for linux, through an index) names it. */
export async function configDigest(t: CtrTarget, name: string, opts: EngineCall = {}): Promise<string> {
  const row = (await listImages(t, opts)).find((i) => i.ref === name);
  if (!row) throw new EngineError(1, `image ${name} not found`, 'ctr images ls');
  const blob = async (digest: string) =>
    JSON.parse((await ctrCall(t, ['content', 'get', digest], opts)).stdout) as Manifestish;
  let doc = await blob(row.digest);
  for (let depth = 0; doc.manifests && depth < 4; depth++) {
    const pick = doc.manifests.find((m) => m.platform?.os === 'linux') ?? doc.manifests[0];
    if (!pick) break;
    doc = await blob(pick.digest);
  }
  if (!doc.config) throw new EngineError(1, `no config in manifest of ${name}`, 'ctr content get');
  return doc.config.digest;
}

/** `ctr images export FILE NAME...`: an OCI archive with a Docker manifest.json for this platform. */
export async function exportImages(
  t: CtrTarget,
  names: readonly string[],
  file: string,
  opts: EngineCall = {},
): Promise<void> {
  await ctrCall(t, ['images', 'export', file, ...names], opts);
}
