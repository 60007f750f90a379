/**
 * shipshape.results/v1: the contract CI systems and later tools parse. Add fields; never rename or
 * remove them within v1.
 */
import type { EngineFamily } from '../engines/types.js';

export const RESULTS_SCHEMA = 'shipshape.results/v1';

export type TestStatus = 'pass' | 'fail' | 'skip' | 'xfail' | 'xpass';

export interface ResultEngine {
  name: string;
  family: EngineFamily;
  endpoint: string;
  product: string;
  version: string;
  apiVersion?: string;
}

export interface TestResult {
  /** Stable across runs: `${suite}/${file-relative path} > ${describe} > ${name}`. */
  id: string;
  suite: string;
  name: string;
  engine: string;
  status: TestStatus;
  durationMs: number;
  tags: string[];
  requirements: string[];
  /** Failure text, skip reason or expectation reason. */
  message?: string;
  /**
   * Figures the test measured and reports as data, never asserted on (a reliability test's memory per
   * container, start times): name -> value, the unit in the name (`rss_per_container_mib`).
   */
  figures?: Record<string, number>;
}

export interface EngineTotals {
  pass: number;
  fail: number;
  skip: number;
  xfail: number;
  xpass: number;
  total: number;
}

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  startedAt: string;
  finishedAt: string;
  shipshapeVersion: string;
  host: {
    kernel: string;
    arch: string;
    node: string;
    /** Host identity (absent in results written before it was recorded). */
    name?: string;
    distro?: string;
    cgroup?: 'v1' | 'v2' | 'hybrid' | 'none';
    cpu?: { model: string; count: number };
    /** Filesystem type under /var/lib, where engines keep their storage. */
    storageFilesystem?: string;
  };
  engines: ResultEngine[];
  tests: TestResult[];
  totals: Record<string, EngineTotals>;
  /** Engines that could not be run, with the reason (the run goes on without them). */
  errors: { engine: string; message: string }[];
  /** Requirement coverage per suite with a requirement table, per engine (absent when none ran). */
  coverage?: RequirementCoverage[];
}

/** How many of a suite's spec statements the tests that ran on one engine name, by level. */
export interface RequirementCoverage {
  suite: string;
  engine: string;
  /** Level (MUST, SHOULD, MAY, ...) -> statements named by a test that ran, and all of them. */
  levels: Record<string, { tested: number; total: number }>;
  /** MUST statements no test that ran names. */
  untestedMust: string[];
}
