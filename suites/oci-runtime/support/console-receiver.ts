import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

// Receiving the pty master of --console-socket needs SCM_RIGHTS, which Node lacks: a small C receiver,
// compiled per test file into a temp dir that the file's afterAll removes.
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../console-receiver.c');

let unavailable: string | undefined | null = null;

/** Why a console receiver cannot be built here, or undefined when it can. */
export function consoleUnavailable(): string | undefined {
  if (unavailable === null)
    unavailable =
      spawnSync('cc', ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0
        ? undefined
        : 'no C compiler (cc): the console receiver, which takes the pty master over SCM_RIGHTS, is compiled here';
  return unavailable;
}

/** The file's compiled receiver (`console-receiver SOCKET`) and its directory, a place for sockets. */
export interface ConsoleReceiverBuild {
  readonly binary: string;
  readonly dir: string;
}

/**
 * Registers the file's hooks: compile the receiver into a fresh temp dir (beforeAll; nothing when
 * there is no cc) and remove that dir (afterAll). Read `binary` and `dir` inside tests only.
 */
export function useConsoleReceiver(): ConsoleReceiverBuild {
  let dir = '';
  beforeAll(async () => {
    if (consoleUnavailable()) return;
    dir = await mkdtemp(join(tmpdir(), 'ss-cons-'));
    const out = join(dir, 'console-receiver');
    const cc = spawnSync('cc', ['-O2', '-o', out, SOURCE], { encoding: 'utf8', timeout: 60_000 });
    if (cc.status !== 0) throw new Error(`cc console-receiver.c failed: ${cc.stderr}`);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });
  const built = () => {
    if (!dir) throw new Error('the console receiver is built in beforeAll: use it inside a test');
    return dir;
  };
  return {
    get binary() {
      return join(built(), 'console-receiver');
    },
    get dir() {
      return built();
    },
  };
}
