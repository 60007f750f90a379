import { readFile } from 'node:fs/promises';
import yargs, { type Argv } from 'yargs';
import { createContainer } from '../lifecycle/create.js';
import { deleteContainer } from '../lifecycle/delete.js';
import { execInContainer } from '../lifecycle/exec.js';
import { killContainer } from '../lifecycle/kill.js';
import { containerPids, pauseContainer, resumeContainer } from '../lifecycle/pause.js';
import { runContainer } from '../lifecycle/run.js';
import { startContainer } from '../lifecycle/start.js';
import { containerState, listContainers } from '../lifecycle/state.js';
import { DEFAULT_ROOT } from '../state/state-dir.js';
import { featuresDocument } from './features.js';
import { type LogFormat, makeLogger } from './logger.js';

export const VERSION = '0.1.0';

interface Global {
  root: string;
  log?: string;
  'log-format': string;
  debug: boolean;
}

const id = (y: Argv<Global>) =>
  y.positional('id', { type: 'string', demandOption: true, describe: 'container id' });
const out = (v: unknown): void => {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
};

/**
 * Parses argv and runs one shiprun command; resolves to the exit status. A failure is logged at
 * error level (to --log, or stderr) and gives 1; `run` in the foreground gives the container's status.
 */
export async function runShiprun(argv: readonly string[]): Promise<number> {
  let code = 0;
  let global: Global = { root: DEFAULT_ROOT, 'log-format': 'text', debug: false };
  const logger = () =>
    makeLogger({ log: global.log, format: global['log-format'] as LogFormat, debug: global.debug });
  const cli = yargs([...argv])
    .scriptName('shiprun')
    .usage('$0 [global options] <command>\n\nshipshape reference OCI runtime (runc-compatible CLI)')
    .option('root', { type: 'string', default: DEFAULT_ROOT, describe: 'state directory root' })
    .option('log', { type: 'string', describe: 'append the log here (default stderr)' })
    .option('log-format', { choices: ['text', 'json'], default: 'text', describe: 'log format' })
    .option('debug', { type: 'boolean', default: false, describe: 'log debug messages' })
    .middleware((a) => {
      global = a as unknown as Global;
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
      (y) => y.option('format', { alias: 'f', choices: ['table', 'json'], default: 'table' }),
      async (a) => {
        const all = await listContainers(a.root);
        if (a.format === 'json') return void process.stdout.write(`${JSON.stringify(all)}\n`);
        process.stdout.write('ID\tPID\tSTATUS\tBUNDLE\tCREATED\n');
        for (const c of all)
          process.stdout.write(`${c.id}\t${c.pid}\t${c.status}\t${c.bundle}\t${c.created}\n`);
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
          .option('pid-file', { type: 'string' }),
      async (a) => {
        const proc = a.process ? JSON.parse(await readFile(a.process, 'utf8')) : undefined;
        code = await execInContainer(a.root, a.id, {
          process: proc,
          args: a.command.map(String),
          detach: a.detach,
          pidFile: a['pid-file'],
        });
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
        const pids = await containerPids(a.root, a.id);
        process.stdout.write(a.format === 'json' ? `${JSON.stringify(pids)}\n` : `PID\n${pids.join('\n')}\n`);
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
