import { type ParseArgsConfig, parseArgs as parseFlags } from 'node:util';
import { InvalidArgument } from '../errors.js';
import { DRIVER_NAMES, type DriverName } from '../storage/drivers/open-driver.js';
import type { DaemonConfig, ListenAddress } from './context.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const USAGE = `shipd [options]

The shipshape reference engine: a Docker Engine API daemon, in the foreground.

Options:
      --root             persistent state                  [default: "/var/lib/shipd"]
      --exec-root        runtime state, socket, pid file   [default: "/run/shipd"]
  -H, --host             unix:///PATH or tcp://127.0.0.1:PORT (loopback only), repeatable;
                         default unix://EXEC_ROOT/shipd.sock
      --storage-driver   ${DRIVER_NAMES.join(', ')}                [default: "overlay"]
      --default-runtime  shiprun, or a NAME given by --add-runtime [default: "shiprun"]
      --add-runtime      NAME=PATH of an OCI runtime, repeatable
      --live-restore     keep containers running across restarts   [default: false]
  -l, --log-level        ${LOG_LEVELS.join(', ')}        [default: "info"]
      --version          show the version and exit
      --help             show this help and exit
`;

/**
 * The flags, by node:util's parser (no CLI framework in the daemon: it stays small in memory). Unknown
 * flags and stray words are refused; `--help` and `--version` print and exit 0.
 */
const FLAGS = {
  root: { type: 'string', default: '/var/lib/shipd' },
  'exec-root': { type: 'string', default: '/run/shipd' },
  host: { type: 'string', short: 'H', multiple: true },
  'storage-driver': { type: 'string', default: 'overlay' },
  'default-runtime': { type: 'string', default: 'shiprun' },
  'add-runtime': { type: 'string', multiple: true, default: [] as string[] },
  'live-restore': { type: 'boolean', default: false },
  'log-level': { type: 'string', short: 'l', default: 'info' },
  version: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

const parse = (argv: readonly string[]) =>
  parseFlags({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });

function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new InvalidArgument(`--${flag} ${value}: choose from ${choices.join(', ')}`);
  return value as T;
}

/** `shipd [--root DIR] [--exec-root DIR] [-H ADDR]... [--storage-driver D] ...` as a DaemonConfig. */
export async function parseArgs(argv: readonly string[], version: string): Promise<DaemonConfig> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (err) {
    throw new InvalidArgument(`${(err as Error).message} (see shipd --help)`);
  }
  if (values.help || values.version) {
    process.stdout.write(values.help ? USAGE : `${version}\n`);
    process.exit(0);
  }
  const execRoot = values['exec-root'];
  const runtimes = Object.fromEntries(values['add-runtime'].map(parseRuntime));
  const defaultRuntime = values['default-runtime'];
  if (defaultRuntime !== 'shiprun' && !(defaultRuntime in runtimes))
    throw new InvalidArgument(
      `default runtime ${defaultRuntime} is neither shiprun nor given by --add-runtime`,
    );
  return {
    root: values.root,
    execRoot,
    hosts: (values.host ?? [`unix://${execRoot}/shipd.sock`]).map(parseHost),
    storageDriver: oneOf<DriverName>('storage-driver', values['storage-driver'], DRIVER_NAMES),
    defaultRuntime,
    runtimes,
    liveRestore: values['live-restore'],
    logLevel: oneOf('log-level', values['log-level'], LOG_LEVELS),
    version,
  };
}

/** `unix:///run/x.sock` or `tcp://127.0.0.1:2375`; any host other than loopback is refused. */
export function parseHost(spec: string): ListenAddress {
  if (spec.startsWith('unix://')) {
    const path = spec.slice('unix://'.length);
    if (!path.startsWith('/')) throw new InvalidArgument(`-H ${spec}: the socket path must be absolute`);
    return { kind: 'unix', path };
  }
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(spec);
  if (tcp) {
    const host = tcp[1] ?? '';
    const port = Number(tcp[2]);
    if (!LOOPBACK.has(host))
      throw new InvalidArgument(`-H ${spec}: shipd listens on loopback only (127.0.0.1, ::1 or localhost)`);
    if (port > 65535) throw new InvalidArgument(`-H ${spec}: port out of range`);
    return { kind: 'tcp', host: host.replace(/^\[|\]$/g, ''), port };
  }
  throw new InvalidArgument(`-H ${spec}: expected unix:///PATH or tcp://127.0.0.1:PORT`);
}

function parseRuntime(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq);
  const path = spec.slice(eq + 1);
  if (eq <= 0 || path === '') throw new InvalidArgument(`--add-runtime ${spec}: expected NAME=PATH`);
  if (name === 'shiprun')
    throw new InvalidArgument('--add-runtime: shiprun is built in and cannot be replaced');
  return [name, path];
}
