import { stat } from 'node:fs/promises';
import { EngineUnreachableError } from '../../errors.js';
import type { EngineDescription, EngineEndpoint } from '../types.js';
import { namespaceOf, socketPath } from './address.js';
import { CONTAINERD_CAPABILITIES, CONTAINERD_LACKS } from './capabilities.js';
import { ctrCall } from './ctr-call.js';
import { parseCtrVersion } from './version.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Checks the socket, then asks containerd its version through `ctr version`. */
export async function describeContainerd(
  endpoint: EngineEndpoint,
  opts?: { timeoutMs?: number; ctrPath?: string },
): Promise<EngineDescription> {
  const socket = socketPath(endpoint.address);
  const st = await stat(socket).catch(() => undefined);
  if (!st?.isSocket()) throw new EngineUnreachableError(endpoint.address, 'no socket at that path');
  const target = {
    ctrPath: opts?.ctrPath ?? 'ctr',
    socket,
    namespace: namespaceOf(endpoint),
    timeoutMs: opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const r = await ctrCall(target, ['version'], { allowFailure: true });
  const v = parseCtrVersion(r.stdout);
  if (r.exitCode !== 0 || !v.server) {
    throw new EngineUnreachableError(
      endpoint.address,
      r.stderr.trim().split('\n').pop() ?? 'ctr version failed',
    );
  }
  return {
    ...endpoint,
    product: 'containerd',
    version: v.server.version,
    capabilities: CONTAINERD_CAPABILITIES,
    lacks: CONTAINERD_LACKS,
  };
}
