import type { Mutation } from '../types.js';
import { createDropsEnv } from './create-drops-env.js';
import { errorBodyNoMessage } from './error-body-no-message.js';
import { eventsDropDie } from './events-drop-die.js';
import { inspectDropsPid } from './inspect-drops-pid.js';
import { inspectRestartCountString } from './inspect-restartcount-string.js';
import { killConflict204 } from './kill-conflict-204.js';
import { listIgnoresLabel } from './list-ignores-label.js';
import { logsStdoutAsStderr } from './logs-stdout-as-stderr.js';
import { pingNoApiVersion } from './ping-no-api-version.js';
import { startNoop204 } from './start-noop-204.js';
import { versionTooNewAccepted } from './version-too-new-accepted.js';
import { waitWrongStatus } from './wait-wrong-status.js';

/** Every mutation, by name order; names are unique. */
export const MUTATIONS: readonly Mutation[] = [
  createDropsEnv,
  errorBodyNoMessage,
  eventsDropDie,
  inspectDropsPid,
  inspectRestartCountString,
  killConflict204,
  listIgnoresLabel,
  logsStdoutAsStderr,
  pingNoApiVersion,
  startNoop204,
  versionTooNewAccepted,
  waitWrongStatus,
];

export const mutationNamed = (name: string): Mutation | undefined => MUTATIONS.find((m) => m.name === name);
