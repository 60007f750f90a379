#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { runShipctl } from './shipctl.js';

const code = await runShipctl(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
process.exitCode = code;
// Streams drain through exitCode; nothing should linger, but never hang on a stray handle.
setTimeout(() => process.exit(code), 200).unref();
