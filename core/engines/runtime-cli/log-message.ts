/** One entry of a runtime's `--log-format json` log (runc: logrus; crun: its own writer). */
interface LogEntry {
  level?: string;
  msg?: string;
}

const parseLine = (line: string): LogEntry | undefined => {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as LogEntry) : undefined;
  } catch {
    const text = /level=(\w+)\s+msg="((?:[^"\\]|\\.)*)"/.exec(line);
    return text ? { level: text[1], msg: text[2]?.replace(/\\"/g, '"') } : undefined;
  }
};

/**
 * The error a runtime reported: the last error-level `msg` of its JSON (or logrus text) log, else the
 * last non-empty line of stderr. Undefined when neither says anything.
 */
export function runtimeErrorMessage(log: string, stderr: string): string | undefined {
  const entries = log
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(parseLine)
    .filter((e): e is LogEntry => e?.msg !== undefined);
  const errors = entries.filter((e) => e.level === 'error' || e.level === 'fatal');
  const fromLog = (errors.at(-1) ?? entries.at(-1))?.msg;
  if (fromLog) return fromLog;
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.at(-1);
  return last === undefined ? undefined : (parseLine(last)?.msg ?? last);
}

/** True when the log holds an error-level entry (the runtime itself failed, not the container). */
export const logHasError = (log: string): boolean =>
  log.split('\n').some((l) => {
    const e = parseLine(l.trim());
    return e?.level === 'error' || e?.level === 'fatal';
  });
