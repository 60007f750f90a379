import { appendFileSync } from 'node:fs';

export type LogFormat = 'text' | 'json';

/**
 * shiprun's log: runc-style lines (`--log-format json`: `{"level","msg","time"}`; text: logrus form)
 * appended to `--log` or written to stderr. Lifecycle: one per CLI invocation; `error` for the failure
 * that ends a command, `debug` only with --debug.
 */
export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
}

export function makeLogger(opts: { log?: string; format?: LogFormat; debug?: boolean }): Logger {
  const write = (level: string, msg: string) => {
    const time = new Date().toISOString();
    const line =
      opts.format === 'json'
        ? JSON.stringify({ level, msg, time })
        : `time="${time}" level=${level} msg=${JSON.stringify(msg)}`;
    if (opts.log) appendFileSync(opts.log, `${line}\n`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    error: (m) => write('error', m),
    warn: (m) => write('warning', m),
    debug: (m) => {
      if (opts.debug) write('debug', m);
    },
  };
}
