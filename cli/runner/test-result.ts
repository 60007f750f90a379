import type { TestCase, TestModule, TestSuite } from 'vitest/node';
import { suiteOfId, testIdFromFullName } from '../../core/results/test-id.js';
import type { TestResult, TestStatus } from '../../core/results/types.js';

const MAX_LINES = 6;
const MAX_CHARS = 1200;

/** First lines of an error, prefixed with its class name when that says something. */
export function firstLines(e: { name?: string; message?: string }): string {
  const msg = e.message ?? '';
  const named = e.name && e.name !== 'Error' && !msg.startsWith(e.name) ? `${e.name}: ${msg}` : msg;
  const lines = named.split('\n').slice(0, MAX_LINES).join('\n');
  return lines.length > MAX_CHARS ? `${lines.slice(0, MAX_CHARS)}…` : lines;
}

/** Stable id of a reported test: `suite/file > describe… > name` (see TestResult.id). */
export const idOfCase = (tc: TestCase): string =>
  testIdFromFullName(`${tc.module.relativeModuleId} > ${tc.fullName}`);

/** Turns a finished vitest TestCase into a TestResult record (before expectations are applied). */
export function toTestResult(tc: TestCase, engine: string): TestResult {
  const r = tc.result();
  const status: TestStatus = r.state === 'passed' ? 'pass' : r.state === 'failed' ? 'fail' : 'skip';
  const meta = tc.meta().shipshape;
  const id = idOfCase(tc);
  const result: TestResult = {
    id,
    suite: suiteOfId(id),
    name: tc.name,
    engine,
    status,
    durationMs: Math.round(tc.diagnostic()?.duration ?? 0),
    tags: [...(meta?.tags ?? [])],
    requirements: [...(meta?.requirements ?? [])],
    ...(meta?.figures && Object.keys(meta.figures).length > 0 ? { figures: { ...meta.figures } } : {}),
  };
  const message =
    r.state === 'failed'
      ? r.errors.map(firstLines).join('\n')
      : r.state === 'skipped'
        ? (r.note ?? (tc.options.mode === 'todo' ? 'todo' : undefined))
        : undefined;
  if (status === 'skip' && !message) {
    // vitest skips the tests of a group whose beforeAll failed, without a note: that is a failure
    const hook = hookFailure(tc);
    if (hook) return { ...result, status: 'fail', message: hook };
    // a skip nobody can act on is a silent green: it fails instead, saying so
    return { ...result, status: 'fail', message: NO_REASON };
  }
  return message ? { ...result, message } : result;
}

/** The message of a test skipped without a reason (it is reported as a failure). */
export const NO_REASON =
  'skipped without a reason: a skip must say why (ctx.skip(reason), a missing capability, or an expectation entry with its reason)';

/** The error of the nearest enclosing group (or file) whose hook failed, as the message of a test it kept from running. */
export function hookFailure(tc: TestCase): string | undefined {
  for (let p: TestSuite | TestModule = tc.parent; ; p = p.parent) {
    const errors = p.errors();
    if (errors.length > 0) {
      const where = p.type === 'module' ? `file ${p.relativeModuleId}` : `group "${p.fullName}"`;
      return `not run: a hook of ${where} failed: ${errors.map(firstLines).join('\n')}`;
    }
    if (p.type === 'module') return undefined;
  }
}

/** Would vitest's `-t` pattern select this test? (Tests it did not select are left out of the results.) */
export function selectedBy(pattern: RegExp | undefined, tc: TestCase): boolean {
  if (!pattern) return true;
  const spaced = `${tc.module.relativeModuleId} ${tc.fullName.split(' > ').join(' ')}`;
  return pattern.test(spaced) || pattern.test(tc.fullName);
}
