import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, BundleOption } from '../../../core/engines/runtime-cli/bundle.js';
import { withArgs } from '../../../core/engines/runtime-cli/bundle.js';
import { waitFor } from '../../support/index.js';
import { uniqueId } from './ids.js';
import { hostDir, type ProbeRootfsExtras, probeBundleWith, withHostDir } from './probe-bundle.js';
import { cli, trackContainer } from './session.js';

/** Where a live container's host directory is mounted inside it. */
export const OUT = '/out';

/**
 * The user program of a live container: writes OUT/started (so a host test sees that the program
 * ran), then catches signals, logging each to OUT/signals, and exits 143 on SIGTERM.
 */
export const withMarkerProgram = (): BundleOption =>
  withArgs(
    '/bin/sh',
    '-c',
    `write ${OUT}/started yes; exec probe sigwait --exit-on SIGTERM --log ${OUT}/signals`,
  );

/** A container made by `createLive`: its id, bundle and the host side of OUT. */
export interface LiveContainer {
  readonly id: string;
  readonly bundle: Bundle;
  readonly out: string;
  /** Host path of OUT/started. */
  readonly marker: string;
}

/** Builds a marker-program bundle with OUT bind-mounted and creates it (status `created`). */
export async function createLive(
  label: string,
  opts: { extras?: ProbeRootfsExtras; options?: BundleOption[]; create?: boolean } = {},
): Promise<LiveContainer> {
  const out = await hostDir(`${label}-out`);
  const bundle = await probeBundleWith(
    opts.extras ?? {},
    withMarkerProgram(),
    withHostDir(out, OUT),
    ...(opts.options ?? []),
  );
  const id = trackContainer(uniqueId(label));
  if (opts.create !== false) await cli().create(id, bundle.dir);
  return { id, bundle, out, marker: join(out, 'started') };
}

/** `createLive` then start, waiting until the program is ready for signals (`waitReady`). */
export async function startLive(label: string, opts: Parameters<typeof createLive>[1] = {}) {
  const c = await createLive(label, opts);
  await cli().start(c.id);
  await waitReady(c);
  return c;
}

export const waitMarker = (c: LiveContainer): Promise<true> =>
  waitFor(() => existsSync(c.marker), {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: `${c.id} to write its marker`,
  });

/** SIGHUP, SIGUSR1, SIGUSR2, SIGTERM, SIGWINCH: the signals the suites send (bit = number - 1). */
const READY_MASK = [1, 10, 12, 15, 28].reduce((m, n) => m | (1n << BigInt(n - 1)), 0n);

/**
 * Waits for the marker, then until the container process catches the signals tests send (SigCgt in
 * /proc/PID/status): as pid 1 of its namespace it would ignore a signal sent any earlier.
 */
export async function waitReady(c: LiveContainer): Promise<void> {
  await waitMarker(c);
  const { pid = 0 } = await cli().state(c.id);
  await waitFor(
    async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const mask = BigInt(`0x${/^SigCgt:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
      return (mask & READY_MASK) === READY_MASK;
    },
    { timeoutMs: 10_000, intervalMs: 10, describe: `${c.id} to catch its signals` },
  );
}

/** Signals the program logged so far, by name in order. */
export async function signalsSeen(c: LiveContainer): Promise<string[]> {
  const text = await readFile(join(c.out, 'signals'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { signal?: string }).signal ?? '?');
}

/** Waits until the program logged `signal` (by name, e.g. SIGUSR1); returns all seen so far. */
export const waitSignal = (c: LiveContainer, signal: string): Promise<string[]> =>
  waitFor(async () => ((await signalsSeen(c)).includes(signal) ? signalsSeen(c) : false), {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: `${c.id} to log ${signal}`,
  });
