import { capabilityMask } from '../config/capabilities.js';
import type { OciProcess } from '../config/oci-config.js';
import { RLIMIT_NUMBERS, rlimitValue } from '../config/rlimits.js';
import { record } from './escape.js';

/** `process`: identity, capabilities, rlimits, no_new_privs, oom score, cwd, args and env. */
export function digestProcess(p: OciProcess): string {
  let out = record('user', p.user.uid, p.user.gid, p.user.umask ?? -1);
  for (const g of p.user.additionalGids ?? []) out += record('group', g);
  const c = p.capabilities;
  if (c) {
    const sets = [c.bounding, c.effective, c.permitted, c.inheritable, c.ambient].map(capabilityMask);
    out += record('caps', ...sets);
  }
  for (const r of p.rlimits ?? []) {
    out += record('rlimit', RLIMIT_NUMBERS[r.type] ?? 0, rlimitValue(r.soft), rlimitValue(r.hard));
  }
  if (p.noNewPrivileges) out += record('nnp');
  if (p.oomScoreAdj !== undefined) out += record('oom', p.oomScoreAdj);
  out += record('cwd', p.cwd);
  for (const a of p.args) out += record('arg', a);
  for (const e of p.env ?? []) out += record('env', e);
  return out;
}
