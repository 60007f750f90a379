import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgument } from '../../errors.js';
import type { OciConfig } from './oci-config.js';
import { validateConfig } from './validate-config.js';

/** A bundle read from disk: its absolute directory, the validated config and the absolute rootfs. */
export interface LoadedBundle {
  readonly dir: string;
  readonly config: OciConfig;
  readonly rootfs: string;
}

/** Reads and validates `bundle/config.json` and checks the rootfs is a directory. */
export async function loadBundle(bundle: string): Promise<LoadedBundle> {
  const dir = resolve(bundle);
  let text: string;
  try {
    text = readFileSync(join(dir, 'config.json'), 'utf8'); // small: no thread-pool round trips
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InvalidArgument(`bundle ${dir}: cannot read config.json: ${e.code ?? e.message}`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgument(`bundle ${dir}: config.json is not valid JSON: ${(err as Error).message}`);
  }
  const config = validateConfig(parsed);
  const rootfs = resolve(dir, config.root?.path ?? 'rootfs');
  let isDir = false;
  try {
    isDir = statSync(rootfs).isDirectory();
  } catch {
    // missing or unreachable: reported below
  }
  if (!isDir) throw new InvalidArgument(`config.json: root.path: rootfs ${rootfs} is not a directory`);
  return { dir, config, rootfs };
}
