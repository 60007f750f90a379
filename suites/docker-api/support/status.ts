import { EngineError } from '../../../core/errors.js';

/** The HTTP status an EngineError carries, for `expect(await engineStatus(promise)).toBe(404)`. */
export async function engineStatus(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (err) {
    if (err instanceof EngineError) return err.status;
    throw err;
  }
  return 200;
}
