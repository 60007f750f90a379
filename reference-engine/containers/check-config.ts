import { posix } from 'node:path';
import type { ContainerConfig } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import { checkHealthcheck } from './health.js';
import { stopSignalOf } from './signals.js';

/**
 * dockerd's checks of a create request's own Config, in its order and before the image is looked up
 * (so an unknown image with a bad field is a 400, not a 404): a WorkingDir is absolute, a StopSignal
 * is known, each Env entry has a name before its `=`, the Healthcheck is within limits.
 */
export function checkRequestConfig(
  config: Pick<ContainerConfig, 'WorkingDir' | 'StopSignal' | 'Env' | 'Healthcheck'>,
): void {
  if (config.WorkingDir && !posix.isAbsolute(config.WorkingDir))
    throw new InvalidArgument(
      `the working directory '${config.WorkingDir}' is invalid, it needs to be an absolute path`,
    );
  if (config.StopSignal) stopSignalOf(config.StopSignal);
  for (const entry of config.Env ?? [])
    if (entry.split('=', 1)[0] === '') throw new InvalidArgument(`invalid environment variable: ${entry}`);
  checkHealthcheck(config.Healthcheck);
}
