import { expect } from 'vitest';
import { EngineError } from '../../../core/errors.js';
import type { RuntimeState } from '../../../spec/oci-runtime.js';
import { cli } from './session.js';

/** `op` on container `id` is refused (EngineError) and leaves it in `status` with the pid it had; the state after. */
export async function expectRefusedUnchanged(
  id: string,
  op: () => Promise<unknown>,
  status: string,
): Promise<RuntimeState> {
  const before = await cli().state(id);
  await expect(op()).rejects.toBeInstanceOf(EngineError);
  const after = await cli().state(id);
  expect(after.status).toBe(status);
  expect(after.pid).toBe(before.pid);
  return after;
}
