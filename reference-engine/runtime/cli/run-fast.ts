import { createContainer } from '../lifecycle/create.js';
import { deleteContainer } from '../lifecycle/delete.js';
import { killContainer } from '../lifecycle/kill.js';
import { runContainer } from '../lifecycle/run.js';
import { startContainer } from '../lifecycle/start.js';
import { containerState } from '../lifecycle/state.js';
import { DEFAULT_ROOT } from '../state/state-dir.js';
import type { FastArgs } from './fast-path.js';
import { type LogFormat, makeLogger } from './logger.js';

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

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
        process.stdout.write(`${JSON.stringify(await containerState(root, id), null, 2)}\n`);
        return 0;
      case 'kill':
        await killContainer(root, id, extra ?? 'SIGTERM', { all: a.flags.all === true });
        return 0;
      default:
        await deleteContainer(root, id, { force: a.flags.force === true });
        return 0;
    }
  } catch (err) {
    log.error((err as Error).message);
    return 1;
  }
}
