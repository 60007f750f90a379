#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { projectRoot } from '../core/results/host.js';
import { runCli } from './cli.js';

// Exit through process.exitCode so buffered output drains; vitest may leave handles, so exit explicitly.
const code = await runCli(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: projectRoot(),
});
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
