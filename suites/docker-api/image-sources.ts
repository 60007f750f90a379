import { tarBuffer } from '../../core/tar/index.js';
import {
  buildLayer,
  dir,
  FIXTURE_MTIME_SECONDS,
  file,
  readProbeBinary,
  symlink,
  type TreeEntry,
} from '../../fixtures/images/index.js';
import { removeImageQuietly } from './images-fixtures.js';
import type { SuiteContext } from './support/index.js';

// Inputs for the tests that make images (import, build, commit): root filesystems and build contexts.

/** An uncompressed tar of a root filesystem: /bin/probe, /bin/sh -> probe, /tmp (1777) and `extra`. */
export async function probeRootfsTar(extra: readonly TreeEntry[] = []): Promise<Buffer> {
  const probe = await readProbeBinary();
  const layer = await buildLayer([
    file('/bin/probe', probe, { mode: 0o755 }),
    symlink('/bin/sh', 'probe'),
    dir('/tmp', { mode: 0o1777 }),
    ...extra,
  ]);
  return layer.tar;
}

/** A build context tar: `Dockerfile` plus the given files (path relative to the context -> content). */
export async function buildContextTar(
  dockerfile: string,
  files: Readonly<Record<string, string | Uint8Array>> = {},
): Promise<Buffer> {
  const mtime = new Date(FIXTURE_MTIME_SECONDS * 1000);
  const entries = Object.entries({ Dockerfile: dockerfile, ...files });
  return tarBuffer(entries.map(([name, content]) => ({ name, mtime, mode: 0o755, content })));
}

/** Removes the image (by ID or name) after the current test. */
export const removeAfterTest = (ctx: SuiteContext, image: string): void =>
  ctx.defer(() => removeImageQuietly(ctx.client, image));
