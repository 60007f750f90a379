import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseBenchJson } from '../../bench/results/json.js';
import { ShipshapeError, usageError } from '../../core/errors.js';
import { RESULTS_SCHEMA, type RunResults } from '../../core/results/types.js';
import { type HostRun, mergedMarkdown } from '../../reports/merge.js';
import type { CliIo } from '../io/io.js';

export interface MergeArgs {
  dirs: string[];
  out: string;
}

const readIf = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });

/** One host's folder: results.json and/or bench.json (also under bench/). */
async function readHost(dir: string): Promise<HostRun> {
  const resultsText = await readIf(join(dir, 'results.json'));
  let results: RunResults | undefined;
  if (resultsText !== undefined) {
    results = JSON.parse(resultsText) as RunResults;
    if (results.schema !== RESULTS_SCHEMA)
      throw new ShipshapeError('INVALID_INPUT', `${dir}/results.json: not ${RESULTS_SCHEMA}`, {
        exitCode: 2,
      });
  }
  const benchPath = [join(dir, 'bench.json'), join(dir, 'bench', 'bench.json')];
  let bench: HostRun['bench'];
  for (const p of benchPath) {
    const text = await readIf(p);
    if (text !== undefined) {
      bench = parseBenchJson(text, p);
      break;
    }
  }
  if (!results && !bench) throw usageError(`${dir}: neither results.json nor bench.json`);
  return {
    host: results?.host.name ?? basename(resolve(dir)),
    ...(results ? { results } : {}),
    ...(bench ? { bench } : {}),
  };
}

/**
 * `shipshape report merge DIR...`: the results.json and bench.json of many hosts in one report
 * (merged.md and merged.json in --out): engines × suites × hosts, and bench ratios within each host.
 */
export async function reportMergeCommand(args: MergeArgs, io: CliIo): Promise<number> {
  if (args.dirs.length === 0) throw usageError('report merge needs the folders of the hosts: DIR...');
  const runs = await Promise.all(args.dirs.map(readHost));
  const names = runs.map((r) => r.host);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw usageError(`two folders name the host ${dup}: give each host its own SHIPSHAPE_HOST`);
  const out = resolve(args.out);
  await mkdir(out, { recursive: true });
  const md = mergedMarkdown(runs);
  await writeFile(join(out, 'merged.md'), md);
  await writeFile(
    join(out, 'merged.json'),
    `${JSON.stringify({ schema: 'shipshape.merged/v1', hosts: runs }, null, 2)}\n`,
  );
  io.stdout.write(`${md}Reports: ${join(out, 'merged.md')}, ${join(out, 'merged.json')}\n`);
  return 0;
}
