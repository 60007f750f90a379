import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DiffReport, diffJson } from './report.js';
import { diffMarkdown } from './report-md.js';
import { DIFF_KINDS } from './side.js';

export interface WrittenDiff {
  readonly json: string;
  readonly markdown: string;
}

/** Writes diff.json and diff.md into `dir` (created if needed). */
export async function writeDiffReport(dir: string, report: DiffReport): Promise<WrittenDiff> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'diff.json'), markdown: join(dir, 'diff.md') };
  await writeFile(paths.json, diffJson(report));
  await writeFile(paths.markdown, diffMarkdown(report));
  return paths;
}

/** One line per candidate: `diff podman vs docker: 12 differences (missing 3, ...)`. */
export function diffSummaryLines(report: DiffReport): string[] {
  return report.comparisons.map((c) => {
    const kinds = DIFF_KINDS.map((k) => `${k} ${c.counts[k]}`).join(', ');
    return `diff ${c.candidate} vs ${c.reference}: ${c.counts.total} differences (${kinds})`;
  });
}
