import type { Capability } from '../types.js';

/** What ContainerdEngine drives through ctr. */
export const CONTAINERD_CAPABILITIES: readonly Capability[] = [
  'containers',
  'exec',
  'images.load',
  'images.save',
  'logs',
  'pause',
];

/** Why containerd through ctr lacks the container capabilities Docker-API engines have. */
export const CONTAINERD_LACKS: Readonly<Partial<Record<Capability, string>>> = {
  'containers.stop-timeout':
    'ctr has no stop with a grace period (only tasks kill); a SIGTERM-then-SIGKILL done by the client would test the client, not containerd',
  'containers.restart-policy':
    'containerd through ctr has no restart policies (Docker HostConfig.RestartPolicy)',
  'containers.auto-remove':
    'ctr cannot remove a detached container when its task exits (ctr run --rm is foreground only)',
  'containers.init': 'ctr has no init process option (Docker HostConfig.Init)',
  'containers.healthcheck':
    'containerd runs no healthchecks (a Docker Config.Healthcheck feature of dockerd)',
  'containers.exit-code': 'ctr shows no exit status of a task; only `ctr tasks rm` (our wait) reports it',
  'errors.http-status':
    'ctr answers a refused operation with exit status 1 and a message, not an HTTP status',
  events: '`ctr events` is not wrapped by the containerd client',
  networks:
    'the client runs each container in a network namespace of its own with loopback only (no ctr --cni)',
  volumes: 'containerd has no volumes (ctr mounts host paths only)',
  'live-restore': 'not checked: shipshape knows no way to restart the containerd under test',
  'seccomp.default-profile':
    'ctr runs a container without a seccomp profile unless --seccomp is given (containerd applies none by default)',
};
