import { randomBytes } from 'node:crypto';
import { processAlive } from '../runtime/state/process-info.js';
import { nowRfc3339Nano } from './context.js';
import {
  applyResult,
  type HealthState,
  type ProbeSettings,
  probeSettings,
  startingHealth,
} from './health.js';
import type { ContainerRecord } from './types.js';

/** How a probe ended: its exit code and output, or cut off (and killed) at its timeout. */
export interface ProbeOutcome {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

/** Runs `args` in the running container `id`; kills it and resolves `timedOut` after `timeoutMs` or on abort. */
export type ProbeRunner = (
  id: string,
  args: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
) => Promise<ProbeOutcome>;

export interface HealthMonitorDeps {
  run: ProbeRunner;
  /** Persists the record (its state carries the health). */
  save(record: ContainerRecord): Promise<void>;
  /** Publishes a container event (`health_status: healthy`, the probe's `exec_*` ones) with extra attributes. */
  emit(record: ContainerRecord, action: string, extra?: Record<string, string>): void;
  /** RFC 3339 with nanoseconds. */
  now?: () => string;
  /**
   * Whether the container's main process still lives (default: its pid runs and is not a zombie). A probe
   * that ends once it is gone (killed with it, or refused) is dropped: the exit stops the monitor.
   */
  alive?: (record: ContainerRecord) => boolean;
}

const pidAlive = (record: ContainerRecord): boolean => processAlive(record.state.pid);

interface Watch {
  readonly record: ContainerRecord;
  readonly settings: ProbeSettings;
  readonly abort: AbortController;
  timer?: NodeJS.Timeout;
}

/**
 * The healthchecks of shipd, one monitor per running container with a probe (dockerd's health.go):
 *
 *   const health = new HealthMonitors({ run, save, emit });
 *   health.start(record);   // at each start, restart and re-adoption: State.Health `starting`, streak 0
 *                           // (the log of earlier runs kept); a probe every Interval after the last one ended
 *   health.stop(id);        // stop, kill, exit, remove: no probe after it, a running one is killed;
 *                           // State.Health stays as it was
 *   health.close();         // the daemon goes: every monitor stopped
 *
 * One probe at a time per container, each bounded by Timeout (then killed, and a failure with exit code
 * -1); timers are unref'd so they never keep the daemon alive. A paused container is not probed (a
 * result that lands once it is paused is dropped) and its health stays as it was, as in dockerd 20.10.
 */
export class HealthMonitors {
  private readonly watches = new Map<string, Watch>();
  private readonly now: () => string;
  private readonly alive: (record: ContainerRecord) => boolean;

  constructor(private readonly deps: HealthMonitorDeps) {
    this.now = deps.now ?? nowRfc3339Nano;
    this.alive = deps.alive ?? pidAlive;
  }

  /** Starts (or restarts) the monitor of a container that just began running; no-op without a probe. */
  start(record: ContainerRecord): void {
    this.stop(record.id);
    const settings = probeSettings(record.config);
    if (!settings) return;
    record.state.health = startingHealth(record.state.health);
    const watch: Watch = { record, settings, abort: new AbortController() };
    this.watches.set(record.id, watch);
    void this.deps.save(record).catch(() => {});
    this.schedule(watch);
  }

  stop(id: string): void {
    const watch = this.watches.get(id);
    if (!watch) return;
    this.watches.delete(id);
    clearTimeout(watch.timer);
    watch.abort.abort();
  }

  watching(id: string): boolean {
    return this.watches.has(id);
  }

  close(): void {
    for (const id of [...this.watches.keys()]) this.stop(id);
  }

  private live(watch: Watch): boolean {
    return this.watches.get(watch.record.id) === watch && !watch.abort.signal.aborted;
  }

  private schedule(watch: Watch): void {
    if (!this.live(watch)) return;
    watch.timer = setTimeout(() => void this.probe(watch), watch.settings.intervalMs);
    watch.timer.unref();
  }

  private async probe(watch: Watch): Promise<void> {
    if (!this.live(watch)) return;
    const { record, settings } = watch;
    if (record.state.status !== 'running') return this.schedule(watch);
    const start = this.now();
    // dockerd runs each probe as an exec of the container and reports it like one.
    const execID = randomBytes(32).toString('hex');
    const command = settings.args.join(' ');
    this.deps.emit(record, `exec_create: ${command}`, { execID });
    this.deps.emit(record, `exec_start: ${command}`, { execID });
    let outcome: ProbeOutcome;
    try {
      outcome = await this.deps.run(record.id, settings.args, settings.timeoutMs, watch.abort.signal);
      this.deps.emit(record, 'exec_die', { execID, exitCode: String(outcome.exitCode) });
    } catch (err) {
      outcome = { exitCode: -1, output: err instanceof Error ? err.message : String(err), timedOut: false };
    }
    if (!this.live(watch) || !record.state.health) return;
    // A result that comes once the container is paused or gone is dropped, as dockerd drops it.
    if (!this.alive(record) || record.state.status !== 'running') return this.schedule(watch);
    const result = {
      Start: start,
      End: this.now(),
      ExitCode: outcome.timedOut ? -1 : outcome.exitCode,
      Output: outcome.timedOut ? `Health check exceeded timeout (${settings.timeoutText})` : outcome.output,
    };
    const before: HealthState = record.state.health;
    record.state.health = applyResult(before, result, {
      retries: settings.retries,
      startPeriodMs: settings.startPeriodMs,
      startedAt: record.state.startedAt,
    });
    await this.deps.save(record).catch(() => {});
    if (record.state.health.Status !== before.Status)
      this.deps.emit(record, `health_status: ${record.state.health.Status}`);
    this.schedule(watch);
  }
}
