import type { ExecInspect, ExecRecord } from './types.js';

/** GET /exec/{id}/json as dockerd 20.10 answers it (`user` only when set). */
export function execInspect(e: ExecRecord): ExecInspect {
  const s = e.settings;
  return {
    ID: e.id,
    Running: e.status === 'running',
    ExitCode: e.exitCode,
    ProcessConfig: {
      tty: s.tty,
      entrypoint: s.cmd[0] ?? '',
      arguments: s.cmd.slice(1),
      privileged: s.privileged,
      ...(s.user !== '' && { user: s.user }),
    },
    OpenStdin: s.attachStdin,
    OpenStderr: s.attachStderr,
    OpenStdout: s.attachStdout,
    CanRemove: false,
    ContainerID: e.containerId,
    DetachKeys: s.detachKeys,
    Pid: e.pid,
  };
}
