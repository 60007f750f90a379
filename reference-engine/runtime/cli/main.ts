#!/usr/bin/env node
import { loadFastPath } from './fast-load.js';
import { parseFast } from './fast-path.js';

// The ES module entry (shiprun.cjs comes here when its bundle cannot serve the call). Lifecycle
// commands skip yargs (a third of a call's time) and load their code as one bundled file; everything
// else goes through the yargs program.
const argv = process.argv.slice(2);
const fast = parseFast(argv);
const code = fast
  ? await (await loadFastPath()).runFast(fast)
  : await (await import('./program.js')).runShiprun(argv);
process.exitCode = code;
