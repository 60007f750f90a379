import { type RawAnswer, requestBytes, sendRaw } from './raw-http.js';
import type { FuzzCase, FuzzCategory } from './types.js';

export interface FuzzFailure {
  n: number;
  category: FuzzCategory;
  request: string;
  what: string;
  /** The status, or undefined when no answer came. */
  status?: number;
  why: string;
  /** The first 200 bytes of the answer's body. */
  body?: string;
}

export interface FuzzReport {
  sent: number;
  passed: number;
  failures: FuzzFailure[];
  /** Per category: sent and passed. */
  byCategory: Partial<Record<FuzzCategory, { sent: number; passed: number }>>;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  durationMs: number;
  slowest: { n: number; ms: number };
  /** The case after which the engine stopped answering `_ping`, if it did. */
  diedAfter?: number;
}

export interface RunFuzzOptions {
  /** Longest wait for one answer (default 10 s). */
  timeoutMs?: number;
  /** Called after each case (progress, logs). */
  onCase?: (c: FuzzCase, verdict: FuzzFailure | undefined) => void;
}

/**
 * Why an answer is not the refusal a malformed request deserves (undefined when it is): a 4xx whose
 * body is a JSON object with a string `message` (HEAD answers carry no body, so only the status).
 * No 5xx is right for these inputs: each is the client's fault, decidable before any work; the one
 * exception is the case's `alsoOk` (505 for an HTTP version the server does not speak), whose body
 * is not checked either.
 */
export function judge(method: string, answer: RawAnswer, alsoOk?: number): string | undefined {
  if (answer.status === alsoOk) return undefined;
  if (answer.status >= 500) return 'a server error for a client mistake';
  if (answer.status < 400) return 'accepted';
  if (method === 'HEAD') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || message === '') return 'no {"message": string} in the body';
  return undefined;
}

/** Answers `_ping` with 200 within `timeoutMs`. */
export async function pingsWithin(address: string, timeoutMs: number): Promise<boolean> {
  try {
    const answer = await sendRaw(address, requestBytes('GET', '/_ping', {}), timeoutMs);
    return answer.status === 200;
  } catch {
    return false;
  }
}

/** One case sent and judged: its status (when an answer came) and why it fails, if it does. */
export async function sendCase(
  address: string,
  c: FuzzCase,
  timeoutMs: number,
): Promise<{ status?: number; failure?: FuzzFailure }> {
  const request = `${c.method} ${c.path.length > 120 ? `${c.path.slice(0, 120)}...` : c.path}`;
  const base = { n: c.n, category: c.category, request, what: c.what };
  const bytes = c.wire ?? requestBytes(c.method, c.path, c.headers, c.body);
  let answer: RawAnswer;
  try {
    answer = await sendRaw(address, bytes, timeoutMs, c.method === 'HEAD');
  } catch (err) {
    return { failure: { ...base, why: `no answer: ${(err as Error).message}` } };
  }
  const why = judge(c.method, answer, c.alsoOk);
  const body = answer.body.subarray(0, 200).toString('utf8');
  return { status: answer.status, failure: why ? { ...base, status: answer.status, why, body } : undefined };
}

function tally(
  report: FuzzReport,
  c: FuzzCase,
  status: number | undefined,
  failure: FuzzFailure | undefined,
): void {
  report.sent++;
  if (status !== undefined) report.statuses[status] = (report.statuses[status] ?? 0) + 1;
  const cat = report.byCategory[c.category] ?? { sent: 0, passed: 0 };
  report.byCategory[c.category] = cat;
  cat.sent++;
  if (failure) report.failures.push(failure);
  else {
    report.passed++;
    cat.passed++;
  }
}

/**
 * Sends every case to the engine at `address`, one at a time on its own connection, and judges each
 * answer. A case without an answer is followed by a `_ping`; an engine that no longer answers ends
 * the run (`diedAfter`). The caller checks the engine's state before and after (see engineState).
 */
export async function runFuzz(
  address: string,
  cases: readonly FuzzCase[],
  opts: RunFuzzOptions = {},
): Promise<FuzzReport> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const report: FuzzReport = {
    sent: 0,
    passed: 0,
    failures: [],
    byCategory: {},
    statuses: {},
    durationMs: 0,
    slowest: { n: -1, ms: 0 },
  };
  const started = Date.now();
  for (const c of cases) {
    const t0 = Date.now();
    const { status, failure } = await sendCase(address, c, timeoutMs);
    const ms = Date.now() - t0;
    if (ms > report.slowest.ms) report.slowest = { n: c.n, ms };
    tally(report, c, status, failure);
    opts.onCase?.(c, failure);
    if (status === undefined && !(await pingsWithin(address, 1000))) {
      report.diedAfter = c.n;
      break;
    }
  }
  report.durationMs = Date.now() - started;
  return report;
}
