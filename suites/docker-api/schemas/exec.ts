import { bool, int, nullable, obj, str, strArr } from './build.js';

/** swagger ProcessConfig of an exec instance. */
const ProcessConfig = obj({
  privileged: bool(),
  user: str(),
  tty: bool(),
  entrypoint: str(),
  arguments: nullable(strArr()),
});

/**
 * GET /exec/{id}/json (ExecInspectResponse). The swagger marks nothing required; dockerd always sends
 * the fields in `alwaysSent`, and `ExitCode: null` until the process has run.
 */
export const ExecInspect = obj(
  {
    CanRemove: bool(),
    DetachKeys: str(),
    ID: str({ pattern: '^[0-9a-f]{64}$' }),
    Running: bool(),
    ExitCode: nullable(int()),
    ProcessConfig,
    OpenStdin: bool(),
    OpenStderr: bool(),
    OpenStdout: bool(),
    ContainerID: str({ pattern: '^[0-9a-f]{64}$' }),
    Pid: int({ minimum: 0 }),
  },
  [],
  [
    'ID',
    'Running',
    'ExitCode',
    'ProcessConfig',
    'OpenStdin',
    'OpenStderr',
    'OpenStdout',
    'ContainerID',
    'Pid',
  ],
);
