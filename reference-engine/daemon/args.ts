import yargs from 'yargs';
import { InvalidArgument } from '../errors.js';
import { DRIVER_NAMES, type DriverName } from '../storage/drivers/open-driver.js';
import type { DaemonConfig, ListenAddress } from './context.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** `shipd [--root DIR] [--exec-root DIR] [-H ADDR]... [--storage-driver D] ...` as a DaemonConfig. */
export async function parseArgs(argv: readonly string[], version: string): Promise<DaemonConfig> {
  const args = await yargs([...argv])
    .scriptName('shipd')
    .usage('$0 [options]\n\nThe shipshape reference engine: a Docker Engine API daemon, in the foreground.')
    .option('root', { type: 'string', default: '/var/lib/shipd', describe: 'persistent state' })
    .option('exec-root', {
      type: 'string',
      default: '/run/shipd',
      describe: 'runtime state, socket, pid file',
    })
    .option('host', {
      alias: 'H',
      type: 'string',
      array: true,
      describe: 'unix:///PATH or tcp://127.0.0.1:PORT (loopback only); default unix://EXEC_ROOT/shipd.sock',
    })
    .option('storage-driver', { type: 'string', choices: DRIVER_NAMES, default: 'overlay' })
    .option('default-runtime', { type: 'string', default: 'shiprun' })
    .option('add-runtime', {
      type: 'string',
      array: true,
      default: [],
      describe: 'NAME=PATH of an OCI runtime',
    })
    .option('live-restore', { type: 'boolean', default: false })
    .option('log-level', { alias: 'l', type: 'string', choices: LOG_LEVELS, default: 'info' })
    .strict()
    .version(version)
    .help()
    .fail((message, err) => {
      throw err ?? new InvalidArgument(message);
    })
    .parseAsync();
  const execRoot = args['exec-root'];
  const runtimes = Object.fromEntries(args['add-runtime'].map(parseRuntime));
  const defaultRuntime = args['default-runtime'];
  if (defaultRuntime !== 'shiprun' && !(defaultRuntime in runtimes))
    throw new InvalidArgument(
      `default runtime ${defaultRuntime} is neither shiprun nor given by --add-runtime`,
    );
  return {
    root: args.root,
    execRoot,
    hosts: (args.host ?? [`unix://${execRoot}/shipd.sock`]).map(parseHost),
    storageDriver: args['storage-driver'] as DriverName,
    defaultRuntime,
    runtimes,
    liveRestore: args['live-restore'],
    logLevel: args['log-level'] as DaemonConfig['logLevel'],
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
