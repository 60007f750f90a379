import { EngineError } from '../../../core/errors.js';
import { cgroupsNamed } from './host.js';
import { session } from './session.js';
import { stateRootIds } from './workspace.js';

/**
 * What is left of container `id` after it should be gone: a state-root entry, a `list` row, a
 * successful `state`, cgroups named after it. Empty when nothing is left.
 */
export async function leftovers(id: string): Promise<string[]> {
  const { cli, workspace } = session();
  const found: string[] = [];
  if (stateRootIds(workspace.stateRoot).includes(id)) found.push(`state root entry ${id}`);
  if ((await cli.list()).some((c) => c.id === id)) found.push(`listed by ${cli.name} list`);
  const state = await cli.state(id).then(
    (s) => `state answers (${s.status})`,
    (err: unknown) => (err instanceof EngineError ? undefined : `state failed oddly: ${String(err)}`),
  );
  if (state) found.push(state);
  for (const dir of await cgroupsNamed(id)) found.push(`cgroup ${dir}`);
  return found;
}
