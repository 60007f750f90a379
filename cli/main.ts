#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { projectRoot } from '../core/results/host.js';
import { installInterruptHandlers } from './cleanup/interrupt.js';
import { runCli } from './cli.js';

// A reader that went away (`shipshape conform | head -1`) ends the output, not the run: the run still
// cleans up and writes its reports; the broken pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

// SIGINT/SIGTERM: the run's cleanups (containers, partial reports, the embedded shipd), then 130/143
installInterruptHandlers({
  say: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
});

// Exit through process.exitCode so buffered output drains; vitest may leave handles, so exit explicitly.
const code = await runCli(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: projectRoot(),
});
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
