import { relative } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { TestResult } from '../../core/results/types.js';
import type { ProgressSink, ProgressState } from './progress.js';
import { firstLines, idOfCase, selectedBy, toTestResult } from './test-result.js';

export interface ReporterOptions {
  readonly engine: string;
  readonly testNamePattern?: RegExp;
  readonly progress: ProgressSink;
  /** The status a raw result takes under the engine's expectations (so progress counts xfail apart). */
  readonly expected?: (t: TestResult) => TestResult['status'];
  /** Stop the run after this many unexpected failures (`--bail N`); the tests left are not run. */
  readonly bail?: number;
  /** Called with each result as it is recorded (partial results when a run is interrupted). */
  readonly onResult?: (t: TestResult) => void;
  /** Called for a failure that looks like a lost connection; resolves to a reason when the engine is gone. */
  readonly engineGone?: () => Promise<string | undefined>;
}

const LOST =
  /unreachable|cannot reach|ECONNREFUSED|ECONNRESET|EPIPE|ENOENT|socket hang up|other side closed/i;

/**
 * Collects one engine's vitest run as TestResults. Lifecycle: vitest calls onInit, onTestRunStart, then
 * per module Collected/CaseResult/ModuleEnd, then onTestRunEnd; the runner reads `results`, `errors`,
 * `log` and `gone` afterwards. When the engine disappears it cancels the run and fails what is left.
 */
export class ResultsReporter implements Reporter {
  readonly results: TestResult[] = [];
  readonly errors: string[] = [];
  readonly log: string[] = [];
  gone: string | undefined;
  ended = false;
  private vitest: Vitest | undefined;
  private root = '';
  private planned: string[] = [];
  private readonly seen = new Set<string>();
  private readonly state: ProgressState;
  /** Selected tests per collected module: a module with none gets no progress line. */
  private readonly selectedIn = new Map<string, number>();
  private checking = false;
  /** Set once --bail stopped the run: results that arrive after are the cancellation's, not tests'. */
  private bailed = false;

  constructor(private readonly opts: ReporterOptions) {
    this.state = { engine: opts.engine, file: '', done: 0, total: 0, failed: 0, xfailed: 0 };
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.root = vitest.config.root;
  }

  onTestRunStart(specs: ReadonlyArray<TestSpecification>): void {
    this.planned = specs.map((s) => relative(this.root, s.moduleId));
  }

  onTestModuleCollected(m: TestModule): void {
    let selected = 0;
    for (const tc of m.children.allTests()) if (selectedBy(this.opts.testNamePattern, tc)) selected += 1;
    this.selectedIn.set(m.moduleId, selected);
    if (selected === 0) return;
    this.state.total += selected;
    this.state.file = m.relativeModuleId.replace(/^suites\//, '');
    this.opts.progress.update(this.state);
  }

  async onTestCaseResult(tc: TestCase): Promise<void> {
    if (
      !selectedBy(this.opts.testNamePattern, tc) ||
      this.bailed ||
      filteredOut(this.opts.testNamePattern, tc)
    )
      return;
    this.record(toTestResult(tc, this.opts.engine));
    const r = tc.result();
    if (r.state === 'failed' && !this.gone && r.errors.some((e) => LOST.test(`${e.name} ${e.message}`))) {
      await this.checkEngine();
    }
  }

  onTestModuleEnd(m: TestModule): void {
    for (const e of m.errors()) this.errors.push(`${m.relativeModuleId}: ${firstLines(e)}`);
    // a failed beforeAll/afterAll of a describe group: an error of the run, even when its tests passed
    for (const s of m.children.allSuites()) {
      for (const e of s.errors()) this.errors.push(`${m.relativeModuleId} > ${s.fullName}: ${firstLines(e)}`);
    }
    if ((this.selectedIn.get(m.moduleId) ?? 0) > 0 || m.errors().length > 0) {
      this.state.file = m.relativeModuleId.replace(/^suites\//, '');
      this.opts.progress.fileDone(this.state);
    }
  }

  onUserConsoleLog(log: { content: string; type: string }): void {
    this.log.push(`[${log.type}] ${log.content.endsWith('\n') ? log.content : `${log.content}\n`}`);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const e of unhandled) this.errors.push(`unhandled error: ${firstLines(e)}`);
    if (this.gone) this.failRemaining(modules);
    this.ended = true;
    this.opts.progress.end(this.state);
  }

  private record(t: TestResult): void {
    if (this.seen.has(t.id)) return;
    const result = this.gone ? { ...t, status: 'fail' as const, message: this.goneMessage() } : t;
    this.seen.add(t.id);
    this.results.push(result);
    this.opts.onResult?.(result);
    this.state.done += 1;
    const status = this.opts.expected?.(result) ?? result.status;
    if (status === 'fail') this.state.failed += 1;
    if (status === 'xfail') this.state.xfailed = (this.state.xfailed ?? 0) + 1;
    if (this.opts.bail && status === 'fail' && this.state.failed === this.opts.bail) {
      this.bailed = true;
      this.errors.push(
        `stopped after ${this.opts.bail} unexpected failure(s) (--bail ${this.opts.bail}): the tests left were not run`,
      );
      // not awaited: cancelling waits for reporters, this one included
      void this.vitest?.cancelCurrentRun('test-failure');
    }
    this.opts.progress.update(this.state);
  }

  private goneMessage(): string {
    return `engine ${this.opts.engine} became unreachable during the run (${this.gone}); test not run`;
  }

  private async checkEngine(): Promise<void> {
    if (this.checking || !this.opts.engineGone) return;
    this.checking = true;
    try {
      this.gone = await this.opts.engineGone();
      // not awaited: cancelling waits for reporters, this one included
      if (this.gone) void this.vitest?.cancelCurrentRun('test-failure');
    } finally {
      this.checking = false;
    }
  }

  /** After a cancelled run: every selected test without a result, and every file never collected, fails. */
  private failRemaining(modules: ReadonlyArray<TestModule>): void {
    const collected = new Set<string>();
    for (const m of modules) {
      if (m.children.size === 0) continue; // queued, never collected
      collected.add(m.relativeModuleId);
      for (const tc of m.children.allTests()) {
        if (!selectedBy(this.opts.testNamePattern, tc) || this.seen.has(idOfCase(tc))) continue;
        this.record({ ...toTestResult(tc, this.opts.engine), durationMs: 0 });
      }
    }
    for (const file of this.planned.filter((f) => !collected.has(f))) {
      this.errors.push(`${file}: not run: ${this.goneMessage()}`);
    }
  }
}

/** vitest left the test out by its own name match (`-t`): not run, so neither a skip nor a failure. */
function filteredOut(pattern: RegExp | undefined, tc: TestCase): boolean {
  const r = tc.result();
  return pattern !== undefined && r.state === 'skipped' && !r.note && tc.options.mode === 'skip';
}
