export { CleanupTracker } from './cleanup.js';
export {
  type ConsoleReceiver,
  type ConsoleReceiverBuild,
  consoleUnavailable,
  useConsoleReceiver,
} from './console-receiver.js';
export { FEATURES_SCHEMA, HOOK_KINDS } from './features-schema.js';
export { HOOKED_HOSTNAME, type HookedRun, runWithAllHooks } from './hook-lifecycle.js';
export {
  CONTAINER_HOOK_DIR,
  CONTAINER_HOOKBOX,
  HOST_BUSYBOX,
  type HookBehaviour,
  type HookRecord,
  HookRecorder,
  hookRecorder,
} from './hooks.js';
export { cgroupDirs, cgroupsNamed, mountsContaining, nsOf, processAlive } from './host.js';
export { RUN_PREFIX, uniqueId } from './ids.js';
export { leftovers } from './leftovers.js';
export {
  createLive,
  type LiveContainer,
  OUT,
  signalsSeen,
  startLive,
  waitMarker,
  waitReady,
  waitSignal,
  withMarkerProgram,
} from './live.js';
export {
  hostDir,
  type ProbeReport,
  type ProbeRootfsExtras,
  probeBundle,
  probeBundleWith,
  runProbe,
  withHostDir,
} from './probe-bundle.js';
export { rawRuntime } from './raw.js';
export { expectRefusedUnchanged } from './refusal.js';
export type { Requirement, RequirementLevel } from './requirement.js';
export { schemaProblems } from './schema.js';
export {
  cli,
  closeRuntime,
  openRuntime,
  RUNTIME_CALL_TIMEOUT_MS,
  type RuntimeSession,
  session,
  trackContainer,
  useRuntime,
} from './session.js';
export { SPEC_STATUSES, STATE_SCHEMA } from './state-schema.js';
export {
  createWorkspace,
  stateRootIds,
  sweepStaleWorkspaces,
  WORKSPACE_BASE,
  type Workspace,
} from './workspace.js';
