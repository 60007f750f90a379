#!/usr/bin/env node
import { parseFast } from './fast-path.js';

// Lifecycle commands skip yargs (a third of a call's time); everything else goes through it.
const argv = process.argv.slice(2);
const fast = parseFast(argv);
const code = fast
  ? await (await import('./run-fast.js')).runFast(fast)
  : await (await import('./program.js')).runShiprun(argv);
process.exitCode = code;
