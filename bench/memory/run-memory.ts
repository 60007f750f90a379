import { isContainerFamily, openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import type { Skip } from '../plan/plan.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import { bounded, message } from '../runner/bounded.js';
import type { SummaryOptions } from '../stats/summary.js';
import { type MemoryHost, type MemoryParts, measureEngineMemory, realHost } from './engine-run.js';
import { memoryFigures } from './figures.js';
import type { MemoryProfile } from './profile.js';

export interface MemoryRunOptions {
  readonly runId: string;
  readonly profile: MemoryProfile;
  readonly stats?: SummaryOptions;
  readonly onEvent?: (line: string) => void;
  /** Tests: fake engines and /proc. */
  readonly open?: (e: EngineDescription) => MemoryParts;
  readonly host?: MemoryHost;
}

export interface MemoryRun {
  readonly results: BenchmarkResult[];
  readonly errors: BenchDocument['errors'];
  readonly skipped: Skip[];
}

/** A bound per engine: loading, starting and removing N containers, plus two settles and reading sets. */
const engineLimitMs = (p: MemoryProfile): number =>
  600_000 + p.containers * 5_000 + 2 * (p.settleMs + p.samples * p.intervalMs);

/**
 * The memory suite: every container engine (Docker API, containerd) in turn, one at a time so that no
 * engine's containers sit in another's figures. Runtime CLIs have no daemon and are skipped.
 */
export async function runMemory(
  engines: readonly EngineDescription[],
  o: MemoryRunOptions,
): Promise<MemoryRun> {
  const results: BenchmarkResult[] = [];
  const errors: BenchDocument['errors'] = [];
  const skipped: Skip[] = [];
  const open = o.open ?? ((e: EngineDescription) => openContainerEngine(e, { timeoutMs: 60_000 }));
  for (const e of engines) {
    if (!isContainerFamily(e.family)) {
      skipped.push({
        benchmark: 'memory',
        engine: e.name,
        message: `${e.name} (${e.family}) holds no containers under a daemon; skipped`,
      });
      continue;
    }
    o.onEvent?.(`memory [${e.name}]: loading the image, settling ${o.profile.settleMs} ms`);
    try {
      const readings = await bounded(`memory on ${e.name}`, engineLimitMs(o.profile), (signal) =>
        measureEngineMemory(
          e,
          open(e),
          { runId: o.runId, profile: o.profile, signal, ...(o.onEvent ? { onEvent: o.onEvent } : {}) },
          o.host ?? realHost,
        ),
      );
      const figures = memoryFigures(readings, o.stats ?? {});
      results.push(...figures);
      for (const f of figures)
        o.onEvent?.(
          `${f.id} [${e.name}]: median ${f.summary.median.toFixed(1)} MiB (${f.samples.length} samples)`,
        );
    } catch (err) {
      errors.push({ benchmark: 'memory', engine: e.name, message: message(err) });
      o.onEvent?.(`memory [${e.name}]: failed: ${message(err)}`);
    }
  }
  return { results, errors, skipped };
}
