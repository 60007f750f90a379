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
import { execOverrides, readProcessFile, updateFlagsOf, updateResources } from './command-flags.js';
import type { FastArgs } from './fast-path.js';
import { type LogFormat, makeLogger } from './logger.js';
import { listText, psText } from './output.js';

type Flag = string | true | string[] | undefined;
const str = (v: Flag): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: Flag): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);
const out = (text: string) => process.stdout.write(text);

/** exec from parsed flags: the process file or the command after the id, with --env/--cwd/--user/--tty. */
async function exec(root: string, id: string, a: FastArgs): Promise<number> {
  const f = a.flags;
  const file = str(f.process);
  return execInContainer(root, id, {
    process: file ? await readProcessFile(file) : undefined,
    args: a.positionals.slice(1),
    detach: f.detach === true,
    pidFile: str(f['pid-file']),
    consoleSocket: str(f['console-socket']),
    preserveFds: Number(str(f['preserve-fds']) ?? 0),
    overrides: execOverrides({ env: list(f.env), cwd: str(f.cwd), user: str(f.user), tty: f.tty === true }),
  });
}

async function events(root: string, id: string, a: FastArgs): Promise<void> {
  if (a.flags.stats === true) return void out(`${JSON.stringify(await statsEvent(root, id))}\n`);
  const interval = str(a.flags.interval) ?? '5s';
  const ms = parseDuration(interval);
  if (ms === undefined) throw new Error(`--interval: not a duration: ${interval}`);
  await streamEvents(root, id, ms, out);
}

/** Runs a command parsed by parseFast; same behaviour and exit statuses as the yargs program. */
export async function runFast(a: FastArgs): Promise<number> {
  const root = a.global.root ?? DEFAULT_ROOT;
  const [id, extra] = a.positionals;
  const log = makeLogger({
    log: a.global.log,
    format: a.global.logFormat as LogFormat,
    debug: a.global.debug,
  });
  try {
    if (a.command === 'list') {
      out(
        listText(await listContainers(root), { quiet: a.flags.quiet === true, format: str(a.flags.format) }),
      );
      return 0;
    }
    if (!id) throw new Error(`${a.command}: a container id is required`);
    const create = { root, id, bundle: str(a.flags.bundle) ?? '.', pidFile: str(a.flags['pid-file']) };
    const consoleSocket = str(a.flags['console-socket']);
    switch (a.command) {
      case 'create':
        (await createContainer({ ...create, consoleSocket })).shim.unref();
        return 0;
      case 'run':
        return await runContainer({
          ...create,
          consoleSocket,
          detach: a.flags.detach === true,
          forwardSignals: true,
        });
      case 'start':
        await startContainer(root, id);
        return 0;
      case 'state':
        out(`${JSON.stringify(await containerState(root, id), null, 2)}\n`);
        return 0;
      case 'kill':
        await killContainer(root, id, extra ?? 'SIGTERM', { all: a.flags.all === true });
        return 0;
      case 'pause':
        await pauseContainer(root, id);
        return 0;
      case 'resume':
        await resumeContainer(root, id);
        return 0;
      case 'ps':
        out(psText(await containerPids(root, id), str(a.flags.format)));
        return 0;
      case 'update':
        await updateContainer(root, id, await updateResources(updateFlagsOf(a.flags)));
        return 0;
      case 'events':
        await events(root, id, a);
        return 0;
      case 'exec':
        return await exec(root, id, a);
      default:
        await deleteContainer(root, id, { force: a.flags.force === true });
        return 0;
    }
  } catch (err) {
    log.error((err as Error).message);
    return 1;
  }
}
