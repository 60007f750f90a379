import { lackingReason } from '../../core/engines/capabilities.js';
import { isContainerFamily, openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import type { BenchGroup, PlannedBenchmark, Skip, SuitePlan } from '../plan/plan.js';
import { samplerFor } from '../plan/profile.js';
import type { IterationFn } from '../runner/types.js';
import { containerEngineDriver } from './container-engine.js';
import { daemonMonitor } from './daemon-monitor.js';
import { startupId } from './ids.js';
import { referenceGroups, viaNodeDrivers } from './references.js';
import { runtimeCliDriver } from './runtime-cli.js';
import type { StartupDriver, StartupSettings } from './types.js';

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

/** Every mode x concurrency level of one driver, sharing its prepared image or bundle. */
export function startupGroup(driver: StartupDriver, s: StartupSettings): BenchGroup {
  return {
    label: `startup [${driver.engine}]`,
    engine: driver.engine,
    async open(signal) {
      await driver.prepare(signal);
      const planned: PlannedBenchmark[] = [];
      for (const mode of driver.modes) {
        for (const k of s.concurrency) {
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
    else groups.push(startupGroup(d, s));
  }
  groups.push(...referenceGroups(engines, s)); // shiprun in process and node -e 0
  for (const d of viaNodeDrivers(engines, s)) groups.push(startupGroup(d, { ...s, concurrency: [1] }));
  return { groups, skipped };
}
