import { waitFor } from '../../support/index.js';
import type { SuiteContext } from './context.js';

/** stdout and stderr of the log so far, as text. */
export async function logText(ctx: SuiteContext, id: string): Promise<{ stdout: string; stderr: string }> {
  const out = await ctx.client.containers.logs(id);
  return { stdout: out.stdout.toString('utf8'), stderr: out.stderr.toString('utf8') };
}

/** Polls the log (bounded) until stdout matches; returns the stdout then. */
export function waitForLog(
  ctx: SuiteContext,
  id: string,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<string> {
  return waitFor(
    async () => {
      const { stdout } = await logText(ctx, id);
      return pattern.test(stdout) ? stdout : false;
    },
    { timeoutMs, describe: `log of ${id.slice(0, 12)} to match ${pattern}` },
  );
}

/** Starts a `probe sigwait` style container's wait: resolves once it printed its ready line. */
export const waitReady = (ctx: SuiteContext, id: string): Promise<string> =>
  waitForLog(ctx, id, /"ready":"(sigwait|ignore-signals)"|"listening":/);
