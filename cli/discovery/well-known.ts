import type { EngineFamily } from '../../core/engines/types.js';

/** Default addresses of the engines shipshape knows by name. */
export const WELL_KNOWN_SOCKETS = [
  { name: 'docker', family: 'docker-api', address: 'unix:///var/run/docker.sock' },
  { name: 'podman', family: 'docker-api', address: 'unix:///run/podman/podman.sock' },
  { name: 'containerd', family: 'containerd', address: 'unix:///run/containerd/containerd.sock' },
] as const satisfies readonly { name: string; family: EngineFamily; address: string }[];

export const DEFAULT_REGISTRY = 'http://127.0.0.1:5000';

/** Runtime CLIs looked up on PATH. */
export const KNOWN_RUNTIMES = ['runc', 'crun'] as const;
