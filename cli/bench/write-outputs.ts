import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { benchMarkdown } from '../../bench/cli-support/markdown.js';
import type { GateReport } from '../../bench/gate/types.js';
import { toCustomSmallerIsBetterJson } from '../../bench/results/github-action-benchmark.js';
import { toBenchJson } from '../../bench/results/json.js';
import type { BenchDocument } from '../../bench/results/types.js';
import { writeBenchHtml } from '../../reports/html/bench/write.js';

export interface WrittenOutputs {
  readonly json: string;
  readonly markdown: string;
  readonly githubActionBenchmark: string;
  readonly html: string;
}

/** Writes DIR/bench.json (validated), bench.md, github-action-benchmark.json and bench.html. */
export async function writeBenchOutputs(
  dir: string,
  doc: BenchDocument,
  o: { skipped?: readonly string[]; gate?: string; gateReport?: GateReport } = {},
): Promise<WrittenOutputs> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  const files = {
    json: join(out, 'bench.json'),
    markdown: join(out, 'bench.md'),
    githubActionBenchmark: join(out, 'github-action-benchmark.json'),
  };
  await writeFile(files.json, toBenchJson(doc));
  await writeFile(files.markdown, benchMarkdown(doc, o));
  await writeFile(files.githubActionBenchmark, toCustomSmallerIsBetterJson(doc));
  const html = await writeBenchHtml(out, doc, o);
  return { ...files, html };
}
