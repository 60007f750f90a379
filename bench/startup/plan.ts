import { lackingReason } from '../../core/engines/capabilities.js';
import { isContainerFamily, openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { plannedId } from '../plan/estimate.js';
import type { BenchGroup, PlannedBenchmark, Skip, SuitePlan } from '../plan/plan.js';
import { samplerFor } from '../plan/profile.js';
import type { IterationFn } from '../runner/types.js';
import { containerEngineDriver } from './container-engine.js';
import { daemonMonitor } from './daemon-monitor.js';
import { startupId } from './ids.js';
import { referenceGroups, viaNodeDrivers } from './references.js';
import { runtimeCliDriver } from './runtime-cli.js';
import type { StartupDriver, StartupMode, StartupSettings } from './types.js';

export const DEFAULT_CONCURRENCY: readonly number[] = [1, 4, 16];

/** The driver for an engine's family, or a reason it cannot run with these settings. */
export function driverFor(e: EngineDescription, s: StartupSettings): StartupDriver | string {
  const common = { image: s.image, network: s.network, runId: s.runId, profile: s.profile };
  const lacking = lackingReason(e, s.network === 'bridge' ? ['networks'] : []);
  if (lacking !== undefined) return `${lacking}; ${e.name} skipped`;
  if (isContainerFamily(e.family)) {
    return containerEngineDriver(e, openContainerEngine(e, { timeoutMs: 60_000 }), common);
  }
  if (e.family === 'runtime-cli') {
    if (s.image === 'large') return `--image large needs an image store; ${e.name} runs bundles, skipped`;
    return runtimeCliDriver(e, { runId: s.runId, workDir: s.workDir });
  }
  return `${lackingReason(e, ['containers']) ?? `${e.name} (${e.family}) runs no containers`}; ${e.name} skipped`;
}

const calibrated = (s: StartupSettings, fn: IterationFn): IterationFn =>
  s.calibration ? s.calibration.wrap(fn) : fn;

/**
 * A guess of one operation's wall time (ms) on a loaded 2-core host, for the run-time estimate, fitted to
 * runs here (medians plus the sampler's and calibration's overhead): dockerd, Podman and containerd about
 * half a second, the embedded shipd tens of ms, C runtimes 60-250 ms, shiprun's Node CLI a Node start per call.
 */
export function startupCostMs(
  e: { family: EngineDescription['family']; name: string; product?: string | undefined },
  mode: StartupMode,
  s: StartupSettings,
): number {
  const product = `${e.product ?? ''} ${e.name}`;
  let ms: number;
  if (e.family === 'runtime-cli') {
    const node = /shiprun|via-node/.test(product);
    ms = mode === 'run' ? (node ? 120 : 100) : node ? 350 : 200;
  } else if (e.family === 'containerd') ms = 550;
  else ms = /shipd/i.test(product) ? 60 : /podman/i.test(product) ? 800 : 650;
  if (s.network === 'bridge') ms += 300;
  return ms + (s.calibration ? 20 : 0);
}

/** Ids of one driver's modes x levels: what `startupGroup` will sample, with their sampler bounds. */
const driverIds = (driver: StartupDriver, s: StartupSettings, costMs: (mode: StartupMode) => number) =>
  driver.modes.flatMap((mode) =>
    s.concurrency.map((k) =>
      plannedId(startupId(mode, s, k), driver.engine, samplerFor('startup', s, k), costMs(mode)),
    ),
  );

/** Every mode x concurrency level of one driver, sharing its prepared image or bundle. */
export function startupGroup(
  driver: StartupDriver,
  s: StartupSettings,
  cost: { iterationMs: (mode: StartupMode) => number; setupMs: number } = {
    iterationMs: () => 500,
    setupMs: 5_000,
  },
): BenchGroup {
  return {
    label: `startup [${driver.engine}]`,
    engine: driver.engine,
    ids: driverIds(driver, s, cost.iterationMs),
    setupMs: cost.setupMs,
    async open(signal) {
      await driver.prepare(signal);
      const planned: PlannedBenchmark[] = [];
      for (const mode of driver.modes) {
        for (const k of s.concurrency) {
          if (s.only && !s.only(startupId(mode, s, k))) continue;
          planned.push({
            def: {
              id: startupId(mode, s, k),
              engine: driver.engine,
              parameters: { mode, image: s.image, network: s.network, concurrency: k },
              iteration: calibrated(s, (ctx) => driver.iterate(mode, ctx)),
            },
            sampler: samplerFor('startup', s, k),
            monitor: () => daemonMonitor(() => driver.daemon()),
            opsUnit: 'containers/s',
          });
        }
      }
      return planned;
    },
    close: () => driver.cleanup(),
  };
}

/** The startup suite over `engines`: one group per engine that can start containers. */
export function planStartup(engines: readonly EngineDescription[], s: StartupSettings): SuitePlan {
  const groups: BenchGroup[] = [];
  const skipped: Skip[] = [];
  for (const e of engines) {
    const d = driverFor(e, s);
    if (typeof d === 'string') skipped.push({ benchmark: 'startup', engine: e.name, message: d });
    else
      groups.push(
        startupGroup(d, s, {
          iterationMs: (mode) => startupCostMs(e, mode, s),
          setupMs: e.family === 'runtime-cli' ? 1_000 : 8_000,
        }),
      );
  }
  groups.push(...referenceGroups(engines, s)); // shiprun in process and node -e 0
  for (const d of viaNodeDrivers(engines, s)) {
    const via = { ...s, concurrency: [1] };
    const e = { family: 'runtime-cli' as const, name: d.engine };
    groups.push(startupGroup(d, via, { iterationMs: (mode) => startupCostMs(e, mode, via), setupMs: 1_000 }));
  }
  return { groups, skipped };
}
