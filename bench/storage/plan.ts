import type { BenchGroup, Skip, SuitePlan } from '../plan/plan.js';
import { storageBenchmarks } from './benchmarks.js';
import { opsFor } from './contenders.js';
import { contenderSkip, type HostFacts, realHost } from './host.js';
import { storageProfile } from './profile.js';
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

/** One contender as a group: open starts its engine and loads the images, close removes all of it. */
export function storageGroup(ops: StorageOps, p: StorageProfile): BenchGroup {
  return {
    label: `storage [${ops.contender}]`,
    engine: ops.contender,
    async open(signal) {
      await ops.open(signal);
      return storageBenchmarks(ops, p);
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
    else groups.push(storageGroup(make(c, s, p), p));
  }
  return { groups, skipped };
}
