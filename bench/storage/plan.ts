import { plannedId } from '../plan/estimate.js';
import type { BenchGroup, PlannedId, Skip, SuitePlan } from '../plan/plan.js';
import { storageBenchmarks } from './benchmarks.js';
import { opsFor } from './contenders.js';
import { contenderSkip, type HostFacts, realHost } from './host.js';
import { layersParam, sizeLabel, storageId, storageProfile, storageSampler } from './profile.js';
import {
  CONTENDERS,
  type Contender,
  type StorageOps,
  type StorageProfile,
  type StorageSettings,
} from './types.js';

/** What planning needs from outside; tests pass fakes. */
export interface StoragePlanDeps {
  readonly host?: HostFacts;
  readonly makeOps?: (c: Contender, s: StorageSettings, p: StorageProfile) => StorageOps;
}

/**
 * Every id of a contender (as storageBenchmarks makes them), with a guess of each operation's wall time,
 * fitted to runs here (quick: 2 min 19 s for all nine; full docker-overlay2: 158 s, 82 s of it the 3 x 50
 * containers of the disk figure). The reference drivers run in process, at about a third of the cost.
 */
export function storageIds(c: Contender, p: StorageProfile): PlannedId[] {
  const f = c.startsWith('ref-') ? 0.3 : 1;
  const deep = Math.max(...p.layers) > 16 ? 1.5 : 1;
  const op = (id: string, ms: number) => plannedId(id, c, storageSampler(p, 'op'), ms * f);
  return [
    ...p.layers.map((l) => op(storageId(c, 'create', layersParam(l)), 150 * deep)),
    ...p.copyUpBytes.map((b) => op(storageId(c, 'copy-up', sizeLabel(b)), 400 + b / 2e5)),
    op(storageId(c, 'commit'), 800),
    plannedId(
      storageId(c, 'disk-usage', `n${p.containers}`),
      c,
      storageSampler(p, 'disk'),
      p.containers * 550 * f,
    ),
    op(storageId(c, 'remove'), 150 * deep),
  ];
}

/** One contender as a group: open starts its engine and loads the images, close removes all of it. */
export function storageGroup(ops: StorageOps, p: StorageProfile, only?: (id: string) => boolean): BenchGroup {
  return {
    label: `storage [${ops.contender}]`,
    engine: ops.contender,
    ids: storageIds(ops.contender, p),
    setupMs: ops.contender.startsWith('ref-') ? 1_000 : 8_000,
    async open(signal) {
      await ops.open(signal);
      return storageBenchmarks(ops, p).filter((b) => !only || only(b.def.id));
    },
    close: () => ops.close(),
  };
}

/** The storage suite: a group per contender this host can run, a skip (with why) for the others. */
export function planStorage(s: StorageSettings, deps: StoragePlanDeps = {}): SuitePlan {
  const host = deps.host ?? realHost();
  const make = deps.makeOps ?? opsFor;
  const p = storageProfile(s);
  const groups: BenchGroup[] = [];
  const skipped: Skip[] = [];
  for (const c of s.contenders ?? CONTENDERS) {
    const why = contenderSkip(c, host);
    if (why) skipped.push({ benchmark: `storage/${c}`, message: why });
    else groups.push(storageGroup(make(c, s, p), p, s.only));
  }
  return { groups, skipped };
}
