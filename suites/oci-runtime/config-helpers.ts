import { readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type Bundle, type BundleOption, withArgs } from '../../core/engines/runtime-cli/bundle.js';
import type { OciConfig } from '../../spec/oci-runtime.js';
import { RUNTIME_CALL_TIMEOUT_MS, session, trackContainer, uniqueId } from './support/index.js';

/** Shared pieces of the config-*.test.ts files (local to part 2: the peer's support/ has no equivalent). */

export const TAGS = (area: string): string[] => ['oci-runtime', 'config', area];

/** Test options of a config case: its area's tags and the `config:` requirements it covers. */
export const configOpts = (area: string, ...ids: string[]) => ({
  tags: TAGS(area),
  requirements: ids.map((i) => `config:${i}`),
});

/** One JSON object per stdout line of a probe run, with the exit status. */
export interface ProbeLines {
  readonly exitCode: number;
  readonly stdout: string;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string;
}

/** Runs the bundle in the foreground; unlike runProbe, a non-zero exit is returned with every line. */
export async function runLines(bundle: Bundle): Promise<ProbeLines> {
  const s = session();
  const id = trackContainer(uniqueId('cfg'));
  const r = await s.cli.run(id, bundle.dir, { timeoutMs: RUNTIME_CALL_TIMEOUT_MS, stderr: 'pipe' });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { exitCode: r.exitCode, stdout: r.stdout, lines, stderr: r.stderr };
}

/** The process runs `probe sh -c "<commands joined by ;>"`: each command prints one JSON line. */
export const withSh = (...commands: string[]): BundleOption =>
  withArgs('/bin/probe', 'sh', '-c', commands.join('; '));

/** The process runs `probe report SECTION...`. */
export const withReport = (...sections: string[]): BundleOption =>
  withArgs('/bin/probe', 'report', ...sections);

/** Creates a container (tracked for removal) from the bundle dir: its process waits to start. Returns the id. */
export async function createTracked(
  prefix: string,
  bundleDir: string,
  opts: { consoleSocket?: string } = {},
): Promise<string> {
  const id = trackContainer(uniqueId(prefix));
  await session().cli.create(id, bundleDir, { ...opts, timeoutMs: RUNTIME_CALL_TIMEOUT_MS });
  return id;
}

/** createTracked, then the host pid of the waiting process. */
export async function createdPid(prefix: string, bundleDir: string): Promise<number> {
  const id = await createTracked(prefix, bundleDir);
  const { pid } = await session().cli.state(id);
  if (!pid) throw new Error(`no pid for created container ${id}`);
  return pid;
}

/** Starts a bundle and expects the runtime to refuse it (create fails or run exits with a runtime error). */
export async function expectRefused(bundle: Bundle): Promise<string> {
  let id: string;
  try {
    id = await createTracked('bad', bundle.dir);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${session().cli.name} created ${id} from a config the spec says must be refused`);
}

/** One entry of `probe report mounts`. */
export interface MountEntry {
  id: number;
  parent: number;
  mount_point: string;
  options: string;
  optional: string[];
  fstype: string;
  source: string;
  super_options: string;
  root: string;
}

/** The top-most mount at `path` (the last one in mountinfo order). */
export function mountAt(mounts: MountEntry[], path: string): MountEntry {
  const found = mounts.filter((m) => m.mount_point === path).at(-1);
  if (!found) throw new Error(`no mount at ${path}: ${mounts.map((m) => m.mount_point).join(' ')}`);
  return found;
}

export const flagsOf = (m: MountEntry): string[] => m.options.split(',');

/** The mounts of the first `probe report mounts` line among the probe's lines (none: empty). */
export const mountsOf = (lines: Record<string, unknown>[]): MountEntry[] =>
  (lines.find((l) => Array.isArray(l.mounts))?.mounts as MountEntry[] | undefined) ?? [];

/** The flags of the top-most mount at `path` in the probe's reported mounts. */
export const mountFlags = (lines: Record<string, unknown>[], path: string): string[] =>
  flagsOf(mountAt(mountsOf(lines), path));

/** The inode of one of this (host-side) process's namespaces, e.g. hostNs('net'). */
export function hostNs(kind: string): number {
  const link = readlinkSync(`/proc/self/ns/${kind}`);
  const m = /\[(\d+)\]/.exec(link);
  if (!m?.[1]) throw new Error(`unexpected namespace link ${link}`);
  return Number(m[1]);
}

/** A probe `stat` entry. */
export interface StatEntry {
  path: string;
  type: string;
  mode: string;
  uid: number;
  gid: number;
  major?: number;
  minor?: number;
  link?: string;
}

/** The `stat` payload of the line printed for `path`, or the error line. */
export function statOf(lines: Record<string, unknown>[], path: string): StatEntry {
  const line = lines.find((l) => (l.stat as StatEntry | undefined)?.path === path);
  if (!line) throw new Error(`no stat line for ${path}: ${JSON.stringify(lines).slice(0, 400)}`);
  return line.stat as StatEntry;
}

/** The probe's error object for an operation on `path` (exit 1 lines), if any. */
export function errorOf(lines: Record<string, unknown>[], path: string): string | undefined {
  const line = lines.find((l) => l.path === path && typeof l.error === 'string');
  return line?.error as string | undefined;
}

/** Rewrites a built bundle's config.json after `edit` (which may also move files in the bundle). */
export async function editBundle(
  bundle: Bundle,
  edit: (config: OciConfig, bundle: Bundle) => void | Promise<void>,
): Promise<Bundle> {
  await edit(bundle.config, bundle);
  await writeFile(bundle.configPath, `${JSON.stringify(bundle.config, null, 2)}\n`);
  return bundle;
}
