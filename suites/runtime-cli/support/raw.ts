import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BoundedResult, runBounded } from '../../../core/engines/runtime-cli/exec.js';
import { EngineError } from '../../../core/errors.js';
import { hostDir, RUNTIME_CALL_TIMEOUT_MS, session } from '../../oci-runtime/support/index.js';

/** One line of a runtime's log as written, and its parse when it is a JSON object. */
export interface LogLine {
  readonly text: string;
  readonly json?: Record<string, unknown>;
}

export interface LoggedResult extends BoundedResult {
  readonly log: readonly LogLine[];
}

const parseLine = (text: string): LogLine => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? { text, json: v as Record<string, unknown> }
      : { text };
  } catch {
    return { text };
  }
};

/**
 * Runs the runtime with the session's state root (or `root`), `--log` to a fresh file and
 * `--log-format FORMAT` (json unless told), then `args` exactly; answers the exit, output and log.
 */
export async function runLogged(
  args: readonly string[],
  opts: {
    format?: 'json' | 'text';
    root?: string;
    timeoutMs?: number;
    stdinFile?: string;
    /** 'ignore' for commands that leave a container holding their stdout (create, run -d). */
    output?: 'pipe' | 'ignore';
  } = {},
): Promise<LoggedResult> {
  const { cli } = session();
  const log = join(await hostDir('log'), 'runtime.log');
  const full = [
    ...(cli.endpoint.args ?? []),
    '--root',
    opts.root ?? cli.stateRoot,
    '--log',
    log,
    '--log-format',
    opts.format ?? 'json',
    ...args,
  ];
  const r = await runBounded(cli.endpoint.address, full, {
    what: `${cli.name} ${args[0] ?? ''}`,
    timeoutMs: opts.timeoutMs ?? RUNTIME_CALL_TIMEOUT_MS,
    stdout: opts.output ?? 'pipe',
    stderr: opts.output ?? 'pipe',
    ...(opts.stdinFile ? { stdinFile: opts.stdinFile } : {}),
  });
  const text = await readFile(log, 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(parseLine);
  return { ...r, log: lines };
}

/** The error-level messages of a log (JSON lines with level error or fatal). */
export const loggedErrors = (r: LoggedResult): string[] =>
  r.log
    .filter((l) => l.json?.level === 'error' || l.json?.level === 'fatal')
    .map((l) => String(l.json?.msg ?? ''));

/** The runtime refused: a non-zero exit and a message (an error in the log, or stderr). */
export function refusalMessage(r: LoggedResult): string {
  const messages = [...loggedErrors(r), r.stderr.trim()].filter((m) => m !== '');
  if (r.exitCode === 0) throw new Error(`expected a refusal, got exit 0 (stdout: ${r.stdout.slice(0, 200)})`);
  if (messages.length === 0) throw new Error(`exit ${r.exitCode} without a message in the log or on stderr`);
  return messages.join('\n');
}

/**
 * `call` is refused: it rejects with an EngineError whose message says why (from the runtime's log or
 * stderr, not only an exit status). Answers the message.
 */
export async function expectRefusal(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof EngineError)) throw new Error(`expected the runtime to refuse, got ${String(err)}`);
  if (/^exited with \d+$/.test(err.engineMessage))
    throw new Error(`refused without a message (${err.message})`);
  return err.engineMessage;
}
