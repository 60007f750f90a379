import { openContainerManager } from '../containers/manager.js';
import { parseArgs } from './args.js';
import { type RunningDaemon, startDaemon } from './start-daemon.js';
import { shipdVersion } from './version.js';

/**
 * `shipd`: the daemon in the foreground. A refusal to start (not root, root held by another shipd,
 * driver cannot mount, bad flags) is one line on stderr and exit 1. SIGTERM/SIGINT stop listening, stop
 * the running containers (not with --live-restore: they keep running under their shims), and exit 0.
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
  const live = daemon.ctx.config.liveRestore;
  process.stderr.write(
    `shipd: ${signal}: stopping; ${live ? 'containers keep running (live-restore)' : 'stopping containers'}\n`,
  );
  const deadline = daemon.closeDeadlineMs();
  setTimeout(() => {
    process.stderr.write(`shipd: shutdown took over ${deadline / 1000} s: exiting anyway\n`);
    process.exit(0);
  }, deadline).unref();
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
