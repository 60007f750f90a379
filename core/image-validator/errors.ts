import { ShipshapeError } from '../errors.js';

/** The target cannot be read at all (missing, unreadable, not a directory or tar): exit status 2. */
export class ImageReadError extends ShipshapeError {
  constructor(target: string, reason: string, cause?: unknown) {
    super('INVALID_INPUT', `cannot read image ${target}: ${reason}`, { cause, exitCode: 2 });
    this.name = 'ImageReadError';
  }
}
