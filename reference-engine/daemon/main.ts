#!/usr/bin/env node
import { openContainerManager } from '../containers/manager.js';
import { parseArgs } from './args.js';
import { type RunningDaemon, startDaemon } from './start-daemon.js';
import { shipdVersion } from './version.js';

/** How long a shutdown may take before the process exits anyway. */
const EXIT_DEADLINE_MS = 5000;

/**
 * `shipd`: the daemon in the foreground. A refusal to start (not root, root held by another shipd,
 * driver cannot mount, bad flags) is one line on stderr and exit 1. SIGTERM/SIGINT stop listening and
 * exit 0; containers keep running under their shims.
 */
async function main(argv: readonly string[]): Promise<void> {
  const version = shipdVersion();
  const config = await parseArgs(argv, version);
  const daemon = await startDaemon(config, openContainerManager);
  const where = config.hosts.map((h) =>
    h.kind === 'unix' ? `unix://${h.path}` : `tcp://${h.host}:${h.port}`,
  );
  process.stderr.write(`shipd ${version}: API listening on ${where.join(', ')} (root ${config.root})\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void shutdown(daemon, signal));
}

async function shutdown(daemon: RunningDaemon, signal: string): Promise<void> {
  process.stderr.write(`shipd: ${signal}: stopping; containers keep running\n`);
  setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
  try {
    await daemon.close();
  } catch (err) {
    process.stderr.write(`shipd: while stopping: ${(err as Error).message}\n`);
  }
  process.exit(0);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`shipd: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
