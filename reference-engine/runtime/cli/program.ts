import { existsSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { Unavailable } from '../../errors.js';
import { createContainer } from '../lifecycle/create.js';
import { deleteContainer } from '../lifecycle/delete.js';
import { parseDuration, statsEvent, streamEvents } from '../lifecycle/events.js';
import { execInContainer } from '../lifecycle/exec.js';
import { killContainer } from '../lifecycle/kill.js';
import { containerPids, pauseContainer, resumeContainer } from '../lifecycle/pause.js';
import { runContainer } from '../lifecycle/run.js';
import { startContainer } from '../lifecycle/start.js';
import { containerState, listContainers } from '../lifecycle/state.js';
import { updateContainer } from '../lifecycle/update.js';
import { DEFAULT_ROOT } from '../state/state-dir.js';
import { execOverrides, readProcessFile, type UpdateFlags, updateResources } from './command-flags.js';
import { featuresDocument } from './features.js';
import { type LogFormat, makeLogger } from './logger.js';
import { listText, psText } from './output.js';

export const VERSION = '0.1.0';

interface Global {
  root: string;
  log?: string;
  'log-format': string;
  debug: boolean;
  'systemd-cgroup': boolean;
}

/**
 * `--systemd-cgroup`: shiprun manages cgroupfs itself and has no systemd driver. Refused as runc
 * refuses it on a host without systemd, so nothing is created with cgroups the caller did not ask for.
 */
function refuseSystemdCgroup(): void {
  const why = existsSync('/run/systemd/system')
    ? 'shiprun has no systemd cgroup driver (cgroupfs only)'
    : 'systemd is not running on this host, cannot use the systemd cgroup manager';
  throw new Unavailable(why);
}

const id = (y: Argv<Global>) =>
  y.positional('id', { type: 'string', demandOption: true, describe: 'container id' });
const out = (v: unknown): void => {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
};

/** `--resources -` / `-r -` as `--resources=-`: yargs would read a lone `-` as a positional. */
const resourcesFromStdin = (argv: readonly string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if ((a === '--resources' || a === '-r') && argv[i + 1] === '-') {
      out.push('--resources=-');
      i++;
    } else out.push(a);
  }
  return out;
};

/**
 * Parses argv and runs one shiprun command; resolves to the exit status. A failure is logged at
 * error level (to --log, or stderr) and gives 1; `run` in the foreground gives the container's status.
 */
export async function runShiprun(argv: readonly string[]): Promise<number> {
  let code = 0;
  let global: Global = { root: DEFAULT_ROOT, 'log-format': 'text', debug: false, 'systemd-cgroup': false };
  const logger = () =>
    makeLogger({ log: global.log, format: global['log-format'] as LogFormat, debug: global.debug });
  const cli = yargs(resourcesFromStdin(argv))
    .scriptName('shiprun')
    .usage('$0 [global options] <command>\n\nshipshape reference OCI runtime (runc-compatible CLI)')
    .option('root', { type: 'string', default: DEFAULT_ROOT, describe: 'state directory root' })
    .option('log', { type: 'string', describe: 'append the log here (default stderr)' })
    .option('log-format', { choices: ['text', 'json'], default: 'text', describe: 'log format' })
    .option('debug', { type: 'boolean', default: false, describe: 'log debug messages' })
    .option('systemd-cgroup', {
      type: 'boolean',
      default: false,
      describe: 'cgroups through systemd (refused: shiprun drives cgroupfs itself)',
    })
    .middleware((a) => {
      global = a as unknown as Global;
      if (global['systemd-cgroup']) refuseSystemdCgroup();
    })
    .command(
      'create <id>',
      'create a container (its process waits for start)',
      (y) =>
        id(y)
          .option('bundle', { alias: 'b', type: 'string', default: '.', describe: 'bundle directory' })
          .option('pid-file', { type: 'string', describe: 'write the container pid here' })
          .option('console-socket', { type: 'string', describe: 'AF_UNIX socket for the pty master' }),
      async (a) => {
        const c = await createContainer({
          root: a.root,
          id: a.id,
          bundle: a.bundle,
          pidFile: a['pid-file'],
          consoleSocket: a['console-socket'],
        });
        c.shim.unref();
      },
    )
    .command('start <id>', 'start a created container', id, async (a) => startContainer(a.root, a.id))
    .command('state <id>', 'print the state of a container', id, async (a) =>
      out(await containerState(a.root, a.id)),
    )
    .command(
      'kill <id> [signal]',
      'send a signal to the container',
      (y) =>
        id(y)
          .positional('signal', { type: 'string', default: 'SIGTERM' })
          .option('all', { alias: 'a', type: 'boolean', default: false, describe: 'signal every process' }),
      async (a) => killContainer(a.root, a.id, a.signal, { all: a.all }),
    )
    .command(
      'delete <id>',
      'delete a stopped container',
      (y) => id(y).option('force', { alias: 'f', type: 'boolean', default: false }),
      async (a) => deleteContainer(a.root, a.id, { force: a.force }),
    )
    .command(
      'run <id>',
      'create and start a container; wait for it unless --detach',
      (y) =>
        id(y)
          .option('bundle', { alias: 'b', type: 'string', default: '.' })
          .option('pid-file', { type: 'string' })
          .option('console-socket', { type: 'string' })
          .option('detach', { alias: 'd', type: 'boolean', default: false }),
      async (a) => {
        code = await runContainer({
          root: a.root,
          id: a.id,
          bundle: a.bundle,
          pidFile: a['pid-file'],
          consoleSocket: a['console-socket'],
          detach: a.detach,
          forwardSignals: true,
        });
      },
    )
    .command(
      'list',
      'list containers',
      (y) =>
        y
          .option('format', { alias: 'f', choices: ['table', 'json'], default: 'table' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'ids only' }),
      async (a) => {
        process.stdout.write(listText(await listContainers(a.root), { quiet: a.quiet, format: a.format }));
      },
    )
    .command(
      'exec <id> [command..]',
      'run another process in a running container',
      (y) =>
        id(y)
          .positional('command', { type: 'string', array: true, default: [] })
          .option('process', {
            alias: 'p',
            type: 'string',
            describe: 'process.json replacing the config process',
          })
          .option('detach', { alias: 'd', type: 'boolean', default: false })
          .option('pid-file', { type: 'string' })
          .option('console-socket', { type: 'string', describe: 'AF_UNIX socket for the pty master' })
          .option('tty', { alias: 't', type: 'boolean', default: false, describe: 'a terminal' })
          .option('preserve-fds', { type: 'number', default: 0, describe: 'pass fds 3..3+N-1' })
          .option('env', { alias: 'e', type: 'string', describe: 'NAME=VALUE to add (repeatable)' })
          .option('cwd', { type: 'string', describe: 'working directory' })
          .option('user', { alias: 'u', type: 'string', describe: 'UID[:GID]' }),
      async (a) => {
        const proc = a.process ? await readProcessFile(a.process) : undefined;
        code = await execInContainer(a.root, a.id, {
          process: proc,
          args: a.command.map(String),
          detach: a.detach,
          pidFile: a['pid-file'],
          consoleSocket: a['console-socket'],
          preserveFds: a['preserve-fds'],
          overrides: execOverrides({
            env: [a.env ?? []].flat().map(String),
            cwd: a.cwd,
            user: a.user,
            tty: a.tty,
          }),
        });
      },
    )
    .command(
      'update <id>',
      'change the resource limits of a container',
      (y) =>
        id(y)
          .option('resources', { alias: 'r', type: 'string', describe: "resources JSON file, or '-'" })
          .option('memory', { type: 'number' })
          .option('memory-reservation', { type: 'number' })
          .option('memory-swap', { type: 'number' })
          .option('cpu-share', { type: 'number' })
          .option('cpu-quota', { type: 'number' })
          .option('cpu-period', { type: 'number' })
          .option('cpuset-cpus', { type: 'string' })
          .option('cpuset-mems', { type: 'string' })
          .option('pids-limit', { type: 'number' })
          .option('blkio-weight', { type: 'number' }),
      async (a) => updateContainer(a.root, a.id, await updateResources(a as UpdateFlags)),
    )
    .command(
      'events <id>',
      'stats of the container, every --interval until it is deleted (--stats: once)',
      (y) =>
        id(y)
          .option('stats', { type: 'boolean', default: false, describe: 'print the stats once and exit' })
          .option('interval', { type: 'string', default: '5s', describe: 'time between stats' }),
      async (a) => {
        if (a.stats) return void process.stdout.write(`${JSON.stringify(await statsEvent(a.root, a.id))}\n`);
        const ms = parseDuration(a.interval);
        if (ms === undefined) throw new Error(`--interval: not a duration: ${a.interval}`);
        await streamEvents(a.root, a.id, ms, (line) => process.stdout.write(line));
      },
    )
    .command('pause <id>', 'freeze every process of the container', id, async (a) =>
      pauseContainer(a.root, a.id),
    )
    .command('resume <id>', 'thaw a paused container', id, async (a) => resumeContainer(a.root, a.id))
    .command(
      'ps <id>',
      'list the host pids of the container processes',
      (y) => id(y).option('format', { alias: 'f', choices: ['table', 'json'], default: 'table' }),
      async (a) => {
        process.stdout.write(psText(await containerPids(a.root, a.id), a.format));
      },
    )
    .command('features', 'print the features document', {}, () => out(featuresDocument()))
    .version(`shiprun version ${VERSION}\nspec: 1.2.0\nnative spec: 1`)
    .demandCommand(1, 'name a command')
    .strict()
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .help();
  try {
    await cli.parseAsync();
  } catch (err) {
    logger().error((err as Error).message);
    return 1;
  }
  return code;
}
