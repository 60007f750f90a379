import type { CompareRules } from '../model/types.js';

/** What a container inspect must agree on; ids, times, pids, paths and addresses compare by type. */
export const CONTAINER_INSPECT: CompareRules = {
  byValue: [
    '/Name',
    '/Path',
    '/Args',
    '/Image',
    '/RestartCount',
    '/State/Status',
    '/State/Running',
    '/State/Paused',
    '/State/Restarting',
    '/State/OOMKilled',
    '/State/Dead',
    '/State/ExitCode',
    '/State/Error',
    '/Config/Env',
    '/Config/Cmd',
    '/Config/Entrypoint',
    '/Config/Labels',
    '/Config/Image',
    '/Config/WorkingDir',
    '/Config/User',
    '/Config/Tty',
    '/Config/OpenStdin',
    '/Config/AttachStdout',
    '/HostConfig/RestartPolicy',
    '/HostConfig/NetworkMode',
    '/HostConfig/Memory',
    '/HostConfig/AutoRemove',
    '/HostConfig/Privileged',
    '/HostConfig/ReadonlyRootfs',
    '/HostConfig/Mounts',
    '/Mounts/*/Type',
    '/Mounts/*/Destination',
    '/Mounts/*/RW',
    '/Mounts/*/Driver',
  ],
  keyed: [{ path: '/Mounts', key: 'Destination' }],
};

export const CONTAINER_LIST: CompareRules = {
  byValue: ['/*/Names', '/*/Image', '/*/ImageID', '/*/Command', '/*/Labels', '/*/State', '/*/HostConfig'],
  keyed: [{ path: '/*/Mounts', key: 'Destination' }],
};

export const EXEC_INSPECT: CompareRules = {
  byValue: [
    '/Running',
    '/ExitCode',
    '/OpenStdin',
    '/OpenStdout',
    '/OpenStderr',
    '/CanRemove',
    '/ProcessConfig/entrypoint',
    '/ProcessConfig/arguments',
    '/ProcessConfig/tty',
    '/ProcessConfig/privileged',
    '/ProcessConfig/user',
  ],
};

/** Events paired by Action: an action only one engine emits is missing or extra. */
export const EVENTS: CompareRules = {
  byValue: ['/*/Type', '/*/Action', '/*/status', '/*/scope'],
  keyed: [{ path: '', key: 'Action' }],
};
