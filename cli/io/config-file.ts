import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ShipshapeError } from '../../core/errors.js';

/** `shipshape.yaml` in the working directory: defaults for the flags of conform and run. */
export interface ShipshapeConfig {
  readonly engines: string[];
  readonly suites: string[];
  readonly tags: string[];
  /** Folders of the user's own expectation files, absolute (relative ones are taken from the file's folder). */
  readonly expectations: string[];
}

export const CONFIG_FILE = 'shipshape.yaml';
const KEYS = ['engines', 'suites', 'tags', 'expectations'] as const;

const invalid = (file: string, message: string): ShipshapeError =>
  new ShipshapeError('INVALID_INPUT', `${file}: ${message}`, { exitCode: 2 });

const strings = (file: string, key: string, v: unknown): string[] => {
  if (v === undefined || v === null) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x.trim() !== ''))
    throw invalid(file, `${key} must be a name or a list of names`);
  return list as string[];
};

/** Reads `shipshape.yaml` from `cwd`; undefined when there is none. Unknown keys are errors (exit 2). */
export async function loadConfig(cwd: string): Promise<ShipshapeConfig | undefined> {
  const file = join(cwd, CONFIG_FILE);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (err) {
    throw invalid(file, `not YAML: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(file, 'not a mapping');
  const doc = raw as Record<string, unknown>;
  const unknown = Object.keys(doc).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw invalid(file, `unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const base = dirname(resolve(file));
  return {
    engines: strings(file, 'engines', doc.engines),
    suites: strings(file, 'suites', doc.suites),
    tags: strings(file, 'tags', doc.tags),
    expectations: strings(file, 'expectations', doc.expectations).map((d) =>
      isAbsolute(d) ? d : join(base, d),
    ),
  };
}
