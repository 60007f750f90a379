import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OciConfig } from '../../../spec/oci-runtime.js';
import { defaultConfig } from './defaults.js';
import type { BundleOption } from './options/option.js';
import { populateRootfs, type RootfsSource } from './rootfs.js';

export * from './options/container.js';
export type { BundleOption } from './options/option.js';
export * from './options/process.js';

/** A bundle on disk: `dir/config.json` plus `dir/rootfs`. The caller removes `dir` when done. */
export interface Bundle {
  readonly dir: string;
  readonly rootfs: string;
  readonly configPath: string;
  readonly config: OciConfig;
}

/**
 * Creates an OCI bundle: fills `dir/rootfs` from `rootfs` and writes a config that starts from
 * `runc spec` defaults (writable root, no terminal) and applies each option in order.
 */
export async function buildBundle(
  dir: string,
  spec: { rootfs: RootfsSource },
  ...options: BundleOption[]
): Promise<Bundle> {
  const abs = resolve(dir);
  const rootfs = join(abs, 'rootfs');
  await mkdir(abs, { recursive: true });
  await populateRootfs(rootfs, spec.rootfs);
  const config = defaultConfig();
  for (const option of options) option(config);
  const configPath = join(abs, 'config.json');
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return { dir: abs, rootfs, configPath, config };
}
