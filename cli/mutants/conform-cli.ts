#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { projectRoot } from '../../core/results/host.js';
import { runCli } from '../cli.js';
import { runConformance } from '../runner/run-all.js';

// The shipshape CLI unchanged, except that SHIPSHAPE_VITEST_CONFIG (when set) replaces the vitest config
// the suites run under, so a run can load only the test files it selects (see plan.ts vitestConfigFor).
const configFile = process.env.SHIPSHAPE_VITEST_CONFIG;
const code = await runCli(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  root: projectRoot(),
  runConformance: (engines, opts) => runConformance(engines, configFile ? { ...opts, configFile } : opts),
});
process.exitCode = code;
setTimeout(() => process.exit(code), 200).unref();
