import { InvalidArgument } from '../../errors.js';
import { containerDirs } from '../cgroups/container-dirs.js';
import { applyV1Resources } from '../cgroups/v1-resources.js';
import { applyV2Resources } from '../cgroups/v2-resources.js';
import type { OciResources } from '../config/oci-config.js';
import { currentStatus } from '../state/current-status.js';
import { readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';

/**
 * `update`: writes `resources` (linux.resources shape; only what it names) into the cgroups of a
 * created, running or paused container. Limits it does not name keep their values.
 */
export async function updateContainer(root: string, id: string, resources: OciResources): Promise<void> {
  const s = await readState(root, id);
  assertCan(id, 'update', await currentStatus(root, s));
  if (resources.devices) throw new InvalidArgument('update: device rules cannot be changed');
  const dirs = containerDirs(s.procsFiles ?? []);
  if (dirs.unified) await applyV2Resources(dirs.dir, resources);
  else await applyV1Resources(dirs.byController, resources);
}
