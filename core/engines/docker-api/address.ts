import { ShipshapeError } from '../../errors.js';

/** Where a Docker-API engine listens: a unix socket path or a TCP host and port. */
export type DockerAddress =
  | { readonly kind: 'unix'; readonly socketPath: string; readonly text: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly text: string };

const ACCEPTED = 'unix:///path/to/socket, tcp://host:port or http://host:port';

/** Parse `unix:///path`, `tcp://host:port` or `http://host:port`; anything else is a USAGE error. */
export function parseDockerAddress(address: string): DockerAddress {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(address)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new ShipshapeError('USAGE', `engine address '${address}' has no scheme; use ${ACCEPTED}`);
  }
  if (scheme === 'unix') {
    const socketPath = address.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw new ShipshapeError('USAGE', `engine address '${address}' needs an absolute socket path`);
    }
    return { kind: 'unix', socketPath, text: address };
  }
  if (scheme === 'tcp' || scheme === 'http') {
    const rest = address.slice(scheme.length + 3);
    const url = parseUrl(`http://${rest}`, address);
    // URL drops a port equal to http's default, so read an explicit port from the text itself.
    const explicit = /^[^/]*:(\d+)(?:\/|$)/.exec(rest.replace(/^\[[^\]]*\]/, ''))?.[1];
    const port = explicit !== undefined ? Number(explicit) : scheme === 'http' ? 80 : 2375;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === '') throw new ShipshapeError('USAGE', `engine address '${address}' has no host`);
    return { kind: 'tcp', host, port, text: address };
  }
  throw new ShipshapeError(
    'USAGE',
    `unsupported engine address scheme '${scheme}' in '${address}'; use ${ACCEPTED}`,
  );
}

function parseUrl(text: string, address: string): URL {
  try {
    return new URL(text);
  } catch (err) {
    throw new ShipshapeError('USAGE', `engine address '${address}' is not a valid host:port`, { cause: err });
  }
}

/** The HTTP origin undici dials for an address (unix sockets use a placeholder host). */
export function originOf(address: DockerAddress): string {
  if (address.kind === 'unix') return 'http://localhost';
  return `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}
