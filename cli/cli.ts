import yargs from 'yargs';
import { isShipshapeError, usageError } from '../core/errors.js';
import { type BenchArgs, benchCommand, benchOptions } from './commands/bench.js';
import { conformCommand } from './commands/conform.js';
import { enginesCommand } from './commands/engines.js';
import { type MainJobArgs, runCommand } from './commands/run.js';
import { validateImageCommand } from './commands/validate-image.js';
import type { CliIo } from './io/io.js';
import { type RunArgs, runOptions, selectionOptions } from './io/options.js';

/**
 * Parses `argv` and runs one command against `io`; resolves to the process exit code. Expected errors
 * print `shipshape: <message>` (exit 2 for usage/environment); anything else prints its stack (exit 1).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const cli = yargs([...argv])
    .scriptName('shipshape')
    .usage('$0 <command> [options]\n\nConformance suites for container engines.')
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
      'Run the conformance suites on the engines given (or every detected one)',
      (y) =>
        runOptions(selectionOptions(y)).option('detected', {
          type: 'boolean',
          default: false,
          describe: 'Use the reference engine and every detected engine (none found: a notice, exit 0)',
        }),
      async (a) => {
        code = await conformCommand(a as typeof a & RunArgs, io);
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
        code = await runCommand(a as typeof a & MainJobArgs, io);
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
    .command('validate', 'Validate an artifact against its spec', (y) =>
      y
        .command(
          'image <target>',
          'Validate an OCI layout (directory or tar) or a docker-archive against the OCI image-spec',
          (v) =>
            v
              .positional('target', {
                type: 'string',
                demandOption: true,
                describe: 'Path, or an image name with --engine',
              })
              .option('engine', {
                type: 'string',
                describe: 'Save TARGET (an image name) through this Docker-API engine, then validate it',
              })
              .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' }),
          async (a) => {
            code = await validateImageCommand(a, io);
          },
        )
        .demandCommand(1, 'name what to validate: image'),
    )
    .demandCommand(1, 'name a command: engines, conform, run or validate')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(110, io.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? usageError(`${msg} (see shipshape --help)`);
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
