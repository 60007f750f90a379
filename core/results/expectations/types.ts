/** One entry of suites/expectations/<engine>.yaml: which tests, why, and what is expected of them. */
export interface Expectation {
  /** Exact test id, or a glob (`*`, `?`) over test ids; exactly one of the two is given. */
  readonly id?: string;
  readonly match?: string;
  readonly reason: string;
  /** `fail`: the test is known to fail (xfail; a pass is xpass). `skip`: do not run it on this engine. */
  readonly status: 'fail' | 'skip';
}

/** A test the runner skips on this engine (an expectation with `status: skip`). */
export interface SkipRule {
  /** Test id glob (see `idGlob`). */
  readonly match: string;
  readonly reason: string;
}
