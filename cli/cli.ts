import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { isShipshapeError, usageError } from '../core/errors.js';
import { SUITE_FAMILIES } from '../suites/support/suites.js';
import { type BenchArgs, benchCommand, benchOptions } from './commands/bench.js';
import { type CleanArgs, cleanCommand } from './commands/clean.js';
import { type CompareArgs, compareCommand } from './commands/compare.js';
import { conformCommand } from './commands/conform.js';
import { enginesCommand } from './commands/engines.js';
import { listCommand } from './commands/list.js';
import { type MergeArgs, reportMergeCommand } from './commands/report-merge.js';
import { type MainJobArgs, runCommand } from './commands/run.js';
import { validateImageCommand } from './commands/validate-image.js';
import { loadConfig } from './io/config-file.js';
import type { CliIo } from './io/io.js';
import { type RunArgs, runOptions, selectionOptions, withConfig } from './io/options.js';

const COMMANDS = ['engines', 'conform', 'run', 'bench', 'compare', 'report', 'clean', 'validate'];

/** The package's version (package.json at the project root). */
function versionOf(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** yargs' message for an option given without its value, with what the value could have been. */
function explain(msg: string): string {
  const missing = /^Not enough arguments following: (.+)$/.exec(msg)?.[1];
  if (!missing) return msg;
  const flag = missing.length === 1 ? `-${missing}` : `--${missing}`;
  if (missing === 'suite') return `${flag} needs a suite name: ${Object.keys(SUITE_FAMILIES).join(', ')}`;
  if (missing === 'tag') return `${flag} needs a tag (shipshape conform --list shows each test's tags)`;
  return `${flag} needs a value`;
}

/**
 * Parses `argv` and runs one command against `io`; resolves to the process exit code. Expected errors
 * print `shipshape: <message>` (exit 2 for usage/environment); anything else prints its stack (exit 1).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.stdout.write(`shipshape ${versionOf(io.root)} (node ${process.versions.node})\n`);
    return 0;
  }
  let code = 0;
  const cli = yargs([...argv])
    .scriptName('shipshape')
    .usage('$0 <command> [options]\n\nConformance suites and benchmarks for container engines.')
    .command(
      'engines',
      'List the engines found here, and what was probed but not reachable',
      (y) => selectionOptions(y).option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
      async (a) => {
        code = await enginesCommand(a, io);
      },
    )
    .command(
      'conform',
      'Run the conformance suites on the engines given (--detected: every engine found here)',
      (y) =>
        runOptions(selectionOptions(y))
          .option('detected', {
            type: 'boolean',
            default: false,
            describe: 'Use the reference engine and every detected engine (none found: a notice, exit 0)',
          })
          .option('list', {
            type: 'boolean',
            default: false,
            describe: 'List the selected tests (id, tags, requirement ids) without an engine; runs nothing',
          })
          .option('json', { type: 'boolean', default: false, describe: 'With --list: print JSON' }),
      async (a) => {
        const args = withConfig(a as typeof a & RunArgs, await loadConfig(io.cwd ?? process.cwd()));
        code = a.list ? await listCommand(args, io) : await conformCommand(args, io);
      },
    )
    .command(
      'run',
      'The main job: every suite on the embedded reference engine (and --engine/--peers), then a quick benchmark',
      (y) =>
        runOptions(selectionOptions(y))
          .option('peers', {
            type: 'boolean',
            default: false,
            describe: 'Also every detected engine (start them with `npm run peers`)',
          })
          .option('bench', {
            type: 'boolean',
            default: true,
            describe: 'End with a quick benchmark (--no-bench to leave it out)',
          }),
      async (a) => {
        code = await runCommand(
          withConfig(a as typeof a & MainJobArgs, await loadConfig(io.cwd ?? process.cwd())),
          io,
        );
      },
    )
    .command(
      'bench',
      'Benchmark engines side by side (startup, extraction); with --baseline, gate on regressions',
      (y) => benchOptions(y),
      async (a) => {
        code = await benchCommand(a as typeof a & BenchArgs, io);
      },
    )
    .command(
      'compare <old> <new>',
      'Compare two conformance runs (results.json): newly failing, fixed, changed status; exit 1 on a new failure',
      (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, describe: 'The earlier results.json' })
          .positional('new', { type: 'string', demandOption: true, describe: 'The later results.json' })
          .option('format', {
            choices: ['text', 'markdown'],
            default: 'text',
            describe: 'markdown: for a pull-request comment',
          }),
      async (a) => {
        code = await compareCommand(a as typeof a & CompareArgs, io);
      },
    )
    .command('report', 'Work on reports already written', (y) =>
      y
        .command(
          'merge <dirs..>',
          "Merge many hosts' results.json and bench.json (one folder per host) into one matrix report",
          (m) =>
            m.positional('dirs', { type: 'string', array: true, demandOption: true }).option('out', {
              type: 'string',
              default: 'reports/out/merged',
              describe: 'Folder for merged.md and merged.json',
            }),
          async (a) => {
            code = await reportMergeCommand(a as typeof a & MergeArgs, io);
          },
        )
        .demandCommand(1, 'name what to do: merge'),
    )
    .command(
      'clean',
      'Remove the containers earlier runs left (by their run labels) on every engine found, or those named',
      (y) =>
        selectionOptions(y).option('dry-run', {
          type: 'boolean',
          default: false,
          describe: 'Only list what would be removed',
        }),
      async (a) => {
        code = await cleanCommand(a as typeof a & CleanArgs, io);
      },
    )
    .command('validate', 'Validate an artifact against its spec', (y) =>
      y
        .command(
          'image <target>',
          'Validate an OCI layout (directory or tar), a docker-archive, or an image in a registry against the OCI image-spec',
          (v) =>
            v
              .positional('target', {
                type: 'string',
                demandOption: true,
                describe:
                  'Path; a registry image (http://127.0.0.1:5000/repo:tag, https://host/repo@sha256:..., or host:port/repo:tag when no such path exists; plain http only to loopback); or an image name with --engine',
              })
              .option('engine', {
                type: 'string',
                describe: 'Save TARGET (an image name) through this Docker-API engine, then validate it',
              })
              .option('platform', {
                type: 'string',
                describe:
                  "os/arch[/variant]: in an index validate only that platform's image (default: every child)",
              })
              .option('lenient', {
                type: 'boolean',
                default: false,
                describe:
                  'Report what cannot be verified (unregistered digest algorithm, unknown media type or compression) as warnings, not errors',
              })
              .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
              .epilogue(
                'Exit 0 valid, 1 invalid, 2 the image cannot be read. Layers may be tar, tar+gzip or tar+zstd; each is decompressed and its diff_id checked.',
              ),
          async (a) => {
            code = await validateImageCommand(a, io);
          },
        )
        .demandCommand(1, 'name what to validate: image'),
    )
    .demandCommand(1, `name a command: ${COMMANDS.join(', ')}`)
    .strict()
    .help()
    .version(false)
    .epilogue('shipshape --version (-v) prints the version.')
    .wrap(Math.min(110, io.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err && err.name !== 'YError') throw err;
      throw usageError(`${explain(msg ?? err?.message ?? '')} (see shipshape --help)`);
    });
  try {
    await cli.parseAsync();
    return code;
  } catch (err) {
    if (isShipshapeError(err)) {
      io.stderr.write(`shipshape: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(
      `shipshape: unexpected error\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}
