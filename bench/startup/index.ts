export { containerdDriver } from './containerd.js';
export { type DaemonUsage, daemonMonitor } from './daemon-monitor.js';
export { findDaemonPid, listeningInodes, type PidLookup, peerPidFile, socketOwnerPid } from './daemon-pid.js';
export { BENCH_LABEL, dockerApiDriver } from './docker-api.js';
export { startupId } from './ids.js';
export { LARGE_LAYER_BYTES, startupImage } from './image.js';
export {
  DEFAULT_CONCURRENCY,
  driverFor,
  planStartup,
  type StartupSettings,
  startupGroup,
} from './plan.js';
export { cpuMsFromStat, readProcSample, rssBytesFromStatus } from './proc.js';
export { runtimeCliDriver } from './runtime-cli.js';
export type { ImageSize, NetworkMode, StartupDriver, StartupMode, StartupOptions } from './types.js';
