import type { EngineEndpoint } from '../types.js';

export const DEFAULT_NAMESPACE = 'shipshape';

/** The socket path ctr wants, from `unix:///run/containerd/containerd.sock` or a bare path. */
export const socketPath = (address: string): string => address.replace(/^unix:\/\//, '');

/**
 * The containerd namespace carried by an endpoint: `args` may be `['--namespace', NS]`, `['-n', NS]` or
 * just `[NS]`. Defaults to 'shipshape' so nothing here touches dockerd's 'moby' namespace.
 */
export function namespaceOf(endpoint: EngineEndpoint): string {
  const args = endpoint.args ?? [];
  const flag = args.findIndex((a) => a === '-n' || a === '--namespace');
  if (flag >= 0 && args[flag + 1]) return args[flag + 1] as string;
  const eq = args.find((a) => a.startsWith('--namespace='));
  if (eq) return eq.slice('--namespace='.length);
  const bare = args[0];
  return bare !== undefined && !bare.startsWith('-') ? bare : DEFAULT_NAMESPACE;
}
