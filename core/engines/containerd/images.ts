import type { Readable } from 'node:stream';
import { ShipshapeError } from '../../errors.js';
import { type CtrTarget, ctrCall } from './ctr-call.js';
import { parseTable } from './table.js';

export interface ImportOptions {
  /** `--base-name`: name images from this prefix (and import only images whose names match it). */
  readonly baseName?: string;
  readonly allPlatforms?: boolean;
  readonly timeoutMs?: number;
}

/** A row of `ctr images ls`. */
export interface CtrImage {
  readonly ref: string;
  readonly type: string;
  readonly digest: string;
  /** As printed, e.g. `1.9 MiB`. */
  readonly size: string;
  readonly platforms: string[];
}

/**
 * `ctr images import` of a docker-archive or OCI-layout tar (a path, bytes or a stream) into the target
 * namespace. Returns the image names ctr unpacked (it prints `unpacking NAME (DIGEST)...done` for each).
 */
export async function importImage(
  t: CtrTarget,
  source: string | Uint8Array | Readable,
  opts?: ImportOptions,
): Promise<string[]> {
  const args = ['images', 'import'];
  if (opts?.baseName) args.push('--base-name', opts.baseName);
  if (opts?.allPlatforms) args.push('--all-platforms');
  const fromPath = typeof source === 'string';
  args.push(fromPath ? source : '-');
  const r = await ctrCall(t, args, { timeoutMs: opts?.timeoutMs, input: fromPath ? undefined : source });
  const names = [...r.stdout.matchAll(/^unpacking (\S+) \(/gm)].map((m) => m[1] as string);
  if (names.length === 0) {
    throw new ShipshapeError(
      'NOT_FOUND',
      `ctr images import: no image in the archive matched${baseNote(opts)}`,
    );
  }
  return names;
}

const baseNote = (opts?: ImportOptions) => (opts?.baseName ? ` base name ${opts.baseName}` : '');

export async function listImages(t: CtrTarget, opts?: { timeoutMs?: number }): Promise<CtrImage[]> {
  const r = await ctrCall(t, ['images', 'ls'], opts);
  return parseTable(r.stdout).map((row) => ({
    ref: row.ref ?? '',
    type: row.type ?? '',
    digest: row.digest ?? '',
    size: row.size ?? '',
    platforms: (row.platforms ?? '').split(',').filter(Boolean),
  }));
}

/** `ctr images rm --sync`; resolves false when containerd had no such image (ctr only warns). */
export async function removeImage(
  t: CtrTarget,
  ref: string,
  opts?: { timeoutMs?: number },
): Promise<boolean> {
  const r = await ctrCall(t, ['images', 'rm', '--sync', ref], opts);
  return !/image not found/.test(r.stderr);
}
