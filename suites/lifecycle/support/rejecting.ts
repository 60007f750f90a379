import { EngineError } from '../../../core/errors.js';
import { LifecycleRejection } from './engine.js';

/** EngineError -> LifecycleRejection (the HTTP status or CLI exit code, and the engine's message); anything else as is. */
export async function rejecting<T>(op: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof EngineError) throw new LifecycleRejection(op, err.status, err.engineMessage);
    throw err;
  }
}
