import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../core/results/types.js';
import { conformanceHtml } from './html/conformance/index.js';
import { junitXml } from './junit.js';
import { resultsJson } from './results-json.js';
import { summaryMarkdown } from './summary-md.js';

export interface WrittenReports {
  readonly results: string;
  readonly junit: string;
  readonly summary: string;
  readonly html: string;
}

/** Writes results.json, junit.xml, summary.md, report.html and logs/<engine>.log into `dir`. */
export async function writeReports(
  dir: string,
  results: RunResults,
  opts: { strict?: boolean; logs?: Record<string, string> } = {},
): Promise<WrittenReports> {
  await mkdir(join(dir, 'logs'), { recursive: true });
  const paths = {
    results: join(dir, 'results.json'),
    junit: join(dir, 'junit.xml'),
    summary: join(dir, 'summary.md'),
    html: join(dir, 'report.html'),
  };
  await writeFile(paths.results, resultsJson(results));
  await writeFile(paths.junit, junitXml(results, { strict: opts.strict ?? false }));
  await writeFile(paths.summary, summaryMarkdown(results));
  await writeFile(paths.html, conformanceHtml(results));
  for (const [engine, log] of Object.entries(opts.logs ?? {})) {
    await writeFile(join(dir, 'logs', `${engine}.log`), log);
  }
  return paths;
}
