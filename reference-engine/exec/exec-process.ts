import { allCapabilities } from '../containers/oci/capabilities.js';
import { processEnv, replaceOrAppend } from '../containers/oci/env.js';
import { resolveUser } from '../containers/oci/user.js';
import type { ContainerConfig } from '../daemon/wire/containers.js';
import type { OciProcess } from '../runtime/config/oci-config.js';
import type { ExecSettings } from './types.js';

/** What an exec's process is built from: the container's own process and its Config. */
export interface ExecBase {
  /** `process` of the container's OCI config (caps, rlimits, env, cwd, user). */
  process: OciProcess;
  config: ContainerConfig;
  hostname: string;
  /** /etc/passwd and /etc/group of the container's root (read inside it), when present. */
  passwd?: string;
  group?: string;
}

/**
 * The OCI process of an exec, as dockerd builds it: the container's process with the exec's command,
 * its environment over the container's (PATH, HOSTNAME, TERM with a TTY, Config.Env, then the exec's
 * Env), its user (else the container's) resolved through the container's /etc/passwd, its working
 * dir (else the container's), a TTY when asked, and every capability when privileged.
 */
export function execProcess(base: ExecBase, s: ExecSettings): OciProcess {
  const user = resolveUser(s.user || base.config.User || '', base.passwd, base.group);
  const env = processEnv({
    hostname: base.hostname,
    tty: s.tty,
    env: replaceOrAppend(base.config.Env ?? [], s.env),
    home: user.home,
  });
  const caps = s.privileged ? allCapabilities() : undefined;
  const process: OciProcess = {
    ...base.process,
    terminal: s.tty,
    args: [...s.cmd],
    env,
    cwd: s.workingDir || base.process.cwd || '/',
    user: { ...base.process.user, uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
    ...(caps && {
      capabilities: { bounding: caps, effective: caps, permitted: caps, inheritable: caps },
    }),
  };
  if (s.consoleSize) process.consoleSize = s.consoleSize;
  else delete process.consoleSize;
  return process;
}
