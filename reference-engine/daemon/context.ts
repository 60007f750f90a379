import type { ContainerManager } from '../containers/types.js';
import type { EventBus } from '../events/types.js';
import type { ImageStore } from '../images/image-store.js';
import type { DriverName } from '../storage/drivers/open-driver.js';
import type { StorageDriver } from '../storage/types.js';
import type { VolumeStore } from '../volumes/types.js';
import type { Routes } from './http/app.js';

/** Where shipd listens: a unix socket path, or a loopback TCP port. */
export type ListenAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

/** The daemon's settings, from its command line (see daemon/args.ts). */
export interface DaemonConfig {
  /** Persistent state: images/, storage/<driver>/, containers/, volumes/ (default /var/lib/shipd). */
  root: string;
  /** Runtime state: the runtime's state dir, shipd.sock, shipd.pid (default /run/shipd). */
  execRoot: string;
  hosts: ListenAddress[];
  storageDriver: DriverName;
  /** The runtime used when HostConfig.Runtime is empty: 'shiprun' (in process) unless told otherwise. */
  defaultRuntime: string;
  /** Extra OCI runtimes by name, as dockerd's --add-runtime NAME=PATH. */
  runtimes: Record<string, string>;
  liveRestore: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** shipd's version (package.json), as /version's Version and the Server header. */
  version: string;
}

/** Everything a route file may use; built once by the daemon at start. */
export interface DaemonContext {
  config: DaemonConfig;
  images: ImageStore;
  driver: StorageDriver;
  containers: ContainerManager;
  volumes: VolumeStore;
  events: EventBus;
}

/** One route file's entry point: registers its unversioned paths (`/containers/:id/json`). */
export type RegisterRoutes = (app: Routes, ctx: DaemonContext) => void;
