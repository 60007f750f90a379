import type { Writable } from 'node:stream';

/** Progress of one engine's run, as the reporter sees it. */
export interface ProgressState {
  engine: string;
  file: string;
  done: number;
  total: number;
  /** Unexpected failures only (a failure an expectation lists is counted in `xfailed`). */
  failed: number;
  /** Known deviations: failures an expectation file lists. */
  xfailed?: number;
}

/**
 * Receives progress while suites run: `update` often, `fileDone` once per file with selected tests,
 * `end` once per engine.
 * `tty` mode redraws one line; plain mode prints a line per finished file.
 */
export interface ProgressSink {
  update(s: ProgressState): void;
  fileDone(s: ProgressState): void;
  end(s: ProgressState): void;
}

const line = (s: ProgressState): string =>
  `[${s.engine}] ${s.file || 'starting'}  ${s.done}/${s.total} tests, ${s.failed} failed${
    s.xfailed ? `, ${s.xfailed} xfail (known)` : ''
  }`;

export function progressPrinter(
  out: Writable & { isTTY?: boolean; columns?: number },
  env = process.env,
): ProgressSink {
  const live = Boolean(out.isTTY) && !env.CI;
  const redraw = (s: ProgressState) => {
    const text = line(s).slice(0, Math.max(20, (out.columns ?? 100) - 1));
    out.write(`\r\x1b[2K${text}`);
  };
  return {
    update: (s) => (live ? redraw(s) : undefined),
    fileDone: (s) => (live ? redraw(s) : out.write(`${line(s)}\n`)),
    end: (s) =>
      out.write(live ? `\r\x1b[2K${line({ ...s, file: 'done' })}\n` : `${line({ ...s, file: 'done' })}\n`),
  };
}

export const silentProgress: ProgressSink = { update() {}, fileDone() {}, end() {} };
