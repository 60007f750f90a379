export {
  type ConsoleReceiver,
  consoleUnavailable,
  useConsoleReceiver,
} from '../../oci-runtime/support/index.js';
export {
  blkioWeightFile,
  cgroupDirsOf,
  cgroupValue,
  controllerDir,
  frozen,
  setting,
  unifiedHost,
} from './cgroups.js';
export {
  execDetached,
  execReport,
  idle,
  lastJson,
  lastTick,
  processOf,
  type Running,
  sharedRunning,
  startRunning,
  startTicker,
  type Ticker,
} from './containers.js';
export {
  expectRefusal,
  type LoggedResult,
  type LogLine,
  loggedErrors,
  refusalMessage,
  runLogged,
} from './raw.js';
export { contract, useRuntimeCli } from './session.js';
