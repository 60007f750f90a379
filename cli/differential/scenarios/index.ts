import type { Scenario } from '../model/types.js';
import { badRestartPolicy } from './bad-restart-policy.js';
import { containerLifecycle } from './container-lifecycle.js';
import { images } from './images.js';
import { info } from './info.js';
import { networks } from './networks.js';
import { ping } from './ping.js';
import { removeRunning } from './remove-running.js';
import { startTwice } from './start-twice.js';
import { unknownContainer } from './unknown-container.js';
import { unknownImage } from './unknown-image.js';
import { version } from './version.js';
import { versionPrefix } from './version-prefix.js';
import { volumes } from './volumes.js';

/** Every scenario, in the order they run on each engine. */
export const SCENARIOS: readonly Scenario[] = [
  version,
  info,
  ping,
  images,
  containerLifecycle,
  volumes,
  networks,
  unknownContainer,
  startTwice,
  removeRunning,
  badRestartPolicy,
  unknownImage,
  versionPrefix,
];
