import { expect } from 'vitest';
import type { RuntimeState } from '../../../harness/engines/runtime-cli/spec-types.js';
import { EngineError } from '../../../harness/errors.js';
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
