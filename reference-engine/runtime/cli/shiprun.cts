#!/usr/bin/env node
// The shiprun command. CommonJS on purpose: a lifecycle call then loads two CommonJS files (this and
// the fresh bundle) and never starts Node's ES module loader, about 25 ms less per call. Anything else,
// or a stale bundle, goes on to main.js (ES modules: yargs, and it remakes the bundle).
import cache = require('./bundle-cache.cjs');

async function shiprun(argv: readonly string[]): Promise<number | undefined> {
  const fast = cache.loadFreshBundle();
  const args = fast?.parseFast(argv);
  if (fast && args) return fast.runFast(args);
  await import('./main.js'); // reads process.argv itself and sets the exit code
  return undefined;
}

shiprun(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
