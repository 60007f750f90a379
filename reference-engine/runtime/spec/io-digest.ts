import type { OciProcess } from '../config/oci-config.js';
import { record } from './escape.js';

/** How the shim handles the container's stdio (native/relay-*.c); all paths absolute, on the host. */
export interface IoDigest {
  /** json-file log the shim appends stdout/stderr to. */
  readonly logPath?: string;
  /** FIFO the shim makes and forwards into the container's stdin. */
  readonly stdinFifo?: string;
  /** The first writer's close of stdinFifo closes the container's stdin. */
  readonly stdinOnce?: boolean;
  /** FIFO the shim makes for `H W` lines (terminal only). */
  readonly resizeFifo?: string;
  /** Without a log: relay the shim's own fd 0-2 through real pipes (or the pty). */
  readonly relay?: boolean;
}

/** `process.terminal`: the pty master to a console socket, or back to the shim (`terminal-relay`). */
export function digestTerminal(
  p: OciProcess | undefined,
  to: { consoleSocket?: string; relay?: boolean },
): string {
  if (!p?.terminal || !(to.consoleSocket || to.relay)) return '';
  let out = to.relay ? record('terminal-relay') : record('terminal', to.consoleSocket ?? '');
  if (p.consoleSize) out += record('consolesize', p.consoleSize.height, p.consoleSize.width);
  return out;
}

/** The records `log`, `stdin`, `resize` and `relay`. */
export function digestIo(io: IoDigest | undefined): string {
  let out = '';
  if (io?.logPath) out += record('log', io.logPath);
  if (io?.stdinFifo) out += record('stdin', io.stdinFifo, io.stdinOnce ? 1 : 0);
  if (io?.resizeFifo) out += record('resize', io.resizeFifo);
  if (io?.relay) out += record('relay');
  return out;
}
