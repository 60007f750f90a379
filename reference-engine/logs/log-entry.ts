import { parseRfc3339Ns } from './log-time.js';

/** One json-file line: `{"log":"text\n","stream":"stdout","time":"2024-01-02T03:04:05.123456789Z"}`. */
export interface LogEntry {
  readonly stream: 'stdout' | 'stderr';
  readonly log: Buffer;
  /** Nanoseconds since the epoch. */
  readonly timeNs: bigint;
}

/** Parses one line of a json-file log; undefined for a line that is not a log entry (torn or foreign). */
export function parseLogLine(line: string): LogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { log, stream, time } = value as Record<string, unknown>;
  if (typeof log !== 'string' || (stream !== 'stdout' && stream !== 'stderr') || typeof time !== 'string')
    return undefined;
  const timeNs = parseRfc3339Ns(time);
  if (timeNs === undefined) return undefined;
  return { stream, log: Buffer.from(log, 'utf8'), timeNs };
}
