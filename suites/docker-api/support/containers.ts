import { ShipshapeError } from '../../../core/errors.js';
import { waitFor } from '../../support/index.js';
import type { SuiteContext } from './context.js';
import { type ContainerSpec, type CreateOption, withCmd } from './create-options.js';
import { waitReady } from './logs.js';
import { isExited } from './predicates.js';

/** A container made through the helpers (tracked for removal). */
export interface Created {
  readonly id: string;
  readonly name: string;
  readonly warnings: readonly string[];
}

/** A container run to its end, with its output. */
export interface Finished extends Created {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The spec the options build, from the suite image, a unique name and the run label. */
export function buildSpec(ctx: SuiteContext, ...opts: CreateOption[]): ContainerSpec {
  const spec: ContainerSpec = {
    name: ctx.uniqueName(),
    config: { Image: ctx.image, Labels: { ...ctx.runLabels } },
    hostConfig: {},
  };
  for (const opt of opts) opt(spec);
  return spec;
}

/** The create body of a spec. */
export const createBody = (spec: ContainerSpec) => ({ ...spec.config, HostConfig: spec.hostConfig });

/** POST /containers/create; the container is removed (force, v) after the test. */
export async function createContainer(ctx: SuiteContext, ...opts: CreateOption[]): Promise<Created> {
  const spec = buildSpec(ctx, ...opts);
  ctx.track(spec.name);
  const res = await ctx.client.containers.create(spec.name, createBody(spec));
  ctx.track(res.Id);
  return { id: res.Id, name: spec.name, warnings: res.Warnings ?? [] };
}

/** Create and start. */
export async function runContainer(ctx: SuiteContext, ...opts: CreateOption[]): Promise<Created> {
  const created = await createContainer(ctx, ...opts);
  await ctx.client.containers.start(created.id);
  return created;
}

/** Create and start a `probe sigwait` container (after `opts`); resolves once it printed its ready line. */
export async function runSigwait(ctx: SuiteContext, ...opts: CreateOption[]): Promise<Created> {
  const created = await runContainer(ctx, ...opts, withCmd('sigwait'));
  await waitReady(ctx, created.id);
  return created;
}

/** Create, start, wait for the exit (bounded) and collect the log. */
export async function runToExit(
  ctx: SuiteContext,
  opts: readonly CreateOption[],
  timeoutMs = 30_000,
): Promise<Finished> {
  const created = await runContainer(ctx, ...opts);
  const waited = await ctx.client.containers.wait(created.id, 'not-running', { timeoutMs });
  const out = await ctx.client.containers.logs(created.id);
  return {
    ...created,
    exitCode: waited.StatusCode,
    stdout: out.stdout.toString('utf8'),
    stderr: out.stderr.toString('utf8'),
  };
}

/** The JSON documents in probe output (one per line; TTY `\r\n` tolerated). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The first JSON document of a probe run that must exit 0. */
async function probeJson<T>(ctx: SuiteContext, opts: readonly CreateOption[], what: string): Promise<T> {
  const run = await runToExit(ctx, opts);
  if (run.exitCode !== 0) {
    throw new ShipshapeError(
      'ENGINE_ERROR',
      `${what} exited ${run.exitCode}: stdout ${JSON.stringify(run.stdout.slice(0, 400))} stderr ${JSON.stringify(run.stderr.slice(0, 400))}`,
    );
  }
  const doc = jsonLines(run.stdout)[0];
  if (doc === undefined) throw new ShipshapeError('PROTOCOL', `${what} printed no JSON: ${run.stdout}`);
  return doc as T;
}

/** Runs `probe report` (the image's default Cmd, or a `withCmd('report', ...sections)` given) to its exit. */
export const runProbeReport = (ctx: SuiteContext, ...opts: CreateOption[]): Promise<ProbeReport> =>
  probeJson<ProbeReport>(ctx, opts, 'probe report');

/** `probe read PATH` inside a new container with these options; the parsed result. */
export const readInContainer = (
  ctx: SuiteContext,
  path: string,
  ...opts: CreateOption[]
): Promise<ProbeRead> => probeJson<ProbeRead>(ctx, [...opts, withCmd('read', path)], `probe read ${path}`);

/** Waits (bounded) until the container is no longer running; returns its exit code from inspect. */
export async function waitExited(ctx: SuiteContext, id: string, timeoutMs = 20_000): Promise<number> {
  const state = await waitFor(isExited(ctx, id), { timeoutMs, describe: `container ${id} to exit` });
  return state.ExitCode ?? -1;
}

/** `probe read` output. */
export interface ProbeRead {
  readonly path: string;
  readonly size: number;
  readonly utf8: boolean;
  readonly content: string;
}

export interface CapabilitySet {
  readonly hex: string;
  readonly names: readonly string[];
}

/** The sections of `probe report` the suite reads (fixtures/README.md has them all). */
export interface ProbeReport {
  readonly env?: readonly string[];
  readonly argv?: readonly string[];
  readonly cwd?: string | null;
  readonly user?: { uid: number; gid: number; euid: number; egid: number; groups: number[] };
  readonly hostname?: string;
  readonly domainname?: string;
  readonly mounts?: readonly {
    mount_point: string;
    fstype: string;
    options: string;
    super_options: string;
    source: string;
  }[];
  readonly rlimits?: Readonly<Record<string, { soft: number; hard: number }>>;
  readonly capabilities?: Readonly<
    Record<'inheritable' | 'permitted' | 'effective' | 'bounding' | 'ambient', CapabilitySet>
  >;
  readonly cgroup?: readonly { id: number; controllers: string; path: string }[];
  readonly process?: { pid: number; ppid: number; pgid: number; sid: number; exe: string };
  readonly tty?: { stdin: boolean; stdout: boolean; stderr: boolean };
  readonly [section: string]: unknown;
}
