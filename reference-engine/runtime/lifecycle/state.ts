import { currentStatus } from '../state/current-status.js';
import { listIds, readState, type StoredState } from '../state/state-dir.js';
import type { ContainerStatus } from '../state/status.js';

/** The state document of runtime.md (plus runc's rootfs, created and owner). */
export interface ContainerState {
  ociVersion: string;
  id: string;
  status: ContainerStatus;
  pid: number;
  bundle: string;
  rootfs: string;
  created: string;
  owner: string;
  annotations?: Record<string, string>;
}

export function stateDocument(s: StoredState, status: ContainerStatus): ContainerState {
  const doc: ContainerState = {
    ociVersion: s.ociVersion,
    id: s.id,
    status,
    pid: status === 'stopped' ? 0 : s.pid,
    bundle: s.bundle,
    rootfs: s.rootfs,
    created: s.created,
    owner: s.owner,
  };
  if (s.annotations && Object.keys(s.annotations).length > 0) doc.annotations = s.annotations;
  return doc;
}

/** `state ID`: NotFound when there is no such container. */
export async function containerState(root: string, id: string): Promise<ContainerState> {
  const s = await readState(root, id);
  return stateDocument(s, await currentStatus(root, s));
}

/** Every container under `root`, sorted by id (entries that vanish mid-listing are skipped). */
export async function listContainers(root: string): Promise<ContainerState[]> {
  const out: ContainerState[] = [];
  for (const id of await listIds(root)) {
    const s = await containerState(root, id).catch(() => undefined);
    if (s) out.push(s);
  }
  return out;
}
