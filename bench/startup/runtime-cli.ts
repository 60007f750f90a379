import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle, withArgs, withReadonlyRoot } from '../../core/engines/runtime-cli/bundle.js';
import { RuntimeCli } from '../../core/engines/runtime-cli/runtime-cli.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { probePath } from '../../fixtures/images/index.js';
import type { IterationContext } from '../runner/types.js';
import type { StartupDriver, StartupMode } from './types.js';

/**
 * A runc-compatible CLI on a prepared bundle (static probe, read-only root, `exit 0`). `lifecycle`:
 * create, start, wait (poll `state` until stopped), delete. `run`: `run` in the foreground, end-to-end.
 */
export function runtimeCliDriver(
  engine: EngineDescription,
  o: { runId: string; workDir: string },
): StartupDriver {
  let rt: RuntimeCli | undefined;
  let dir = '';
  let bundle = '';
  let seq = 0;
  const lifecycle = async (cli: RuntimeCli, id: string, ctx: IterationContext) => {
    await ctx.phase('create', () => cli.create(id, bundle));
    await ctx.phase('start', () => cli.start(id));
    await ctx.phase('wait', () => cli.waitForStatus(id, 'stopped', { intervalMs: 2, timeoutMs: 30_000 }));
    await ctx.phase('delete', () => cli.delete(id));
  };
  return {
    engine: engine.name,
    modes: ['lifecycle', 'run'],
    async prepare() {
      dir = await mkdtemp(join(o.workDir, `bundle-${engine.name}-`));
      const b = await buildBundle(
        dir,
        { rootfs: { binaries: { '/bin/probe': probePath() } } },
        withArgs('/bin/probe', 'exit', '0'),
        withReadonlyRoot(),
      );
      bundle = b.dir;
      rt = await RuntimeCli.open(engine, { timeoutMs: 30_000 });
    },
    async iterate(mode: StartupMode, ctx) {
      const cli = rt as RuntimeCli;
      const id = `shipshape-bench-${o.runId}-${engine.name}-${seq++}`;
      if (mode === 'lifecycle') return lifecycle(cli, id, ctx);
      const r = await ctx.phase('run', () => cli.run(id, bundle, { stdout: 'ignore', stderr: 'ignore' }));
      if (r.exitCode !== 0)
        throw new EngineError(r.exitCode, 'probe exited non-zero', `${cli.name} run ${id}`);
    },
    async cleanup() {
      await rt?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
    daemon: async () => ({ note: `${engine.name} is a runtime CLI: no daemon to measure` }),
  };
}
