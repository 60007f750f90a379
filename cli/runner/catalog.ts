import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createVitest } from 'vitest/node';
import type { EngineDescription, EngineFamily } from '../../core/engines/types.js';
import { SUITES_DIR } from '../../core/results/test-id.js';
import { existingSuites, suitesToRun } from './plan.js';
import { idOfCase, selectedBy } from './test-result.js';

/** One conformance test as declared: no engine was asked anything to list it. */
export interface CatalogEntry {
  readonly id: string;
  readonly suite: string;
  readonly tags: readonly string[];
  readonly requirements: readonly string[];
}

export interface CatalogOptions {
  readonly root: string;
  readonly configFile?: string;
  /** Suites to list (empty: every existing suite). */
  readonly suites: readonly string[];
  readonly tags: readonly string[];
  readonly testNamePattern?: string;
}

/** A stand-in engine of `family` for collecting: test files register their tests against a target. */
const standIn = (family: EngineFamily): EngineDescription => ({
  name: 'list',
  family,
  address: 'unix:///nonexistent/list.sock',
  source: 'list',
  product: 'list',
  version: '0',
  capabilities: [],
});

const quiet = () =>
  new Writable({
    write(_c, _e, done) {
      done();
    },
  });

/**
 * Collects the selected suites' tests without running them (vitest collect mode: the files are imported
 * and their tests registered, no test body or hook runs), with each test's tags and requirement ids.
 */
export async function collectCatalog(
  family: EngineFamily | undefined,
  opts: CatalogOptions,
): Promise<CatalogEntry[]> {
  const existing = await existingSuites(opts.root);
  const suites = family
    ? suitesToRun(family, existing, opts.suites)
    : existing.filter((s) => opts.suites.length === 0 || opts.suites.includes(s));
  if (suites.length === 0) return [];
  const pattern = opts.testNamePattern ? new RegExp(opts.testNamePattern) : undefined;
  const vitest = await createVitest(
    'test',
    {
      root: opts.root,
      ...(opts.configFile ? { config: opts.configFile } : {}),
      project: 'suites',
      run: true,
      watch: false,
      passWithNoTests: true,
      reporters: [],
      provide: {
        'shipshape.target': standIn(family ?? 'docker-api'),
        'shipshape.tags': [...opts.tags],
        'shipshape.skip': [],
      },
    },
    {},
    { stdout: quiet(), stderr: quiet() },
  );
  const exitCode = process.exitCode;
  try {
    const filters = suites.map((s) => `${join(opts.root, SUITES_DIR, s)}/`);
    const { testModules } = await vitest.collect(filters);
    const out: CatalogEntry[] = [];
    for (const m of testModules) {
      for (const tc of m.children.allTests()) {
        if (!selectedBy(pattern, tc)) continue;
        const id = idOfCase(tc);
        const meta = tc.meta().shipshape;
        out.push({
          id,
          suite: id.slice(0, id.indexOf('/')),
          tags: [...(meta?.tags ?? [])],
          requirements: [...(meta?.requirements ?? [])],
        });
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
}
