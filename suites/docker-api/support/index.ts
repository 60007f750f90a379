// Support for the docker-api suite: per-file context, create options, container helpers, predicates.
export {
  buildSpec,
  type CapabilitySet,
  type Created,
  createBody,
  createContainer,
  type Finished,
  jsonLines,
  type ProbeRead,
  type ProbeReport,
  readInContainer,
  runContainer,
  runProbeReport,
  runSigwait,
  runToExit,
  waitExited,
} from './containers.js';
export { RUN_LABEL, type SuiteContext, type SuiteContextOptions, suiteContext } from './context.js';
export * from './create-options.js';
export * from './host-options.js';
export { logText, waitForLog, waitReady } from './logs.js';
export { inspectMatches, isExited, isGone, isPaused, isRunning } from './predicates.js';
export { type LoadedProbe, loadProbe, removeProbe } from './probe-image.js';
export { engineStatus } from './status.js';
