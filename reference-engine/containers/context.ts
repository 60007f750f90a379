import { join } from 'node:path';
import type { EventBus } from '../events/types.js';
import type { ImageStore } from '../images/image-store.js';
import type { StorageDriver } from '../storage/types.js';
import type { VolumeStore } from '../volumes/types.js';
import type { KeyedLock } from './keyed-lock.js';
import type { RecordStore } from './record-store.js';
import type { RecordTable } from './record-table.js';
import type { RootfsMounts } from './rootfs-mounts.js';
import type { ContainerRecord } from './types.js';
import type { Waiters } from './waiters.js';

export interface ContainerManagerOptions {
  /** shipd's root: records live in ROOT/containers/<id>/. */
  root: string;
  /** shipd's exec root: the runtime's state lives in EXEC_ROOT/runtime. */
  execRoot: string;
  images: ImageStore;
  driver: StorageDriver;
  volumes: VolumeStore;
  events: EventBus;
  /** The host binary bound in as /sbin/docker-init for HostConfig.Init (default: docker-init or tini on PATH). */
  initBinary?: string;
  /** How often running containers are checked for an exit not seen through their shim (ms, default 1000). */
  pollMs?: number;
  /** The runtime for an empty HostConfig.Runtime (default 'shiprun', the in-process library). */
  defaultRuntime?: string;
  /** The runtime CLIs HostConfig.Runtime may name besides shiprun, by name (--add-runtime NAME=PATH). */
  runtimes?: Readonly<Record<string, string>>;
  /** The ID the daemon gives a network by name (inspect's NetworkSettings.Networks[...].NetworkID). */
  networkId?: (name: string) => string;
}

/** Hooks the operations reach through the context, implemented by the manager. */
export interface ManagerHooks {
  /** Starts watching a running container for its exit. */
  watch(record: ContainerRecord): void;
  unwatch(id: string): void;
  /** Cancels a pending policy restart (stop, kill, remove, start). */
  cancelRestart(id: string): void;
  /** Resolves once the next exit of `id` is handled; call before causing the exit. */
  nextExit(id: string): Promise<void>;
}

/** What every operation file gets: the stores, the in-memory state and the manager's hooks. */
export interface Ctx {
  opts: ContainerManagerOptions;
  store: RecordStore;
  table: RecordTable;
  runtimeRoot: string;
  locks: KeyedLock;
  waiters: Waiters;
  rootfs: RootfsMounts;
  hooks: ManagerHooks;
  /** Per-container policy state that is not persisted (the backoff delay). */
  backoff: Map<string, number>;
  /** Containers whose next exit must not restart them (dockerd's ExitOnNext: stop, kill with the stop signal). */
  exitOnNext: Set<string>;
}

export const rootfsDir = (ctx: Ctx, id: string): string => join(ctx.store.containerDir(id), 'rootfs');
export const logFile = (ctx: Ctx, id: string): string => join(ctx.store.containerDir(id), `${id}-json.log`);
export const runtimeDir = (ctx: Ctx, id: string): string => join(ctx.runtimeRoot, id);

/** Docker's zero time, shown for times that never happened. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 with nanoseconds, as dockerd prints times. */
export function nowRfc3339Nano(): string {
  const iso = new Date().toISOString(); // ms precision
  const nanos = String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0');
  return `${iso.slice(0, 23)}${nanos}Z`;
}

/** The attributes dockerd puts on container events: labels, image and name (plus per-action ones). */
export function eventAttributes(
  record: ContainerRecord,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { ...(record.config.Labels ?? {}), image: record.imageRef, name: record.name.slice(1), ...extra };
}

export function emit(
  ctx: Ctx,
  record: ContainerRecord,
  action: string,
  extra?: Record<string, string>,
): void {
  ctx.opts.events.publish({
    type: 'container',
    action,
    id: record.id,
    attributes: eventAttributes(record, extra),
  });
}

export function save(ctx: Ctx, record: ContainerRecord): Promise<void> {
  return ctx.store.save(record);
}
