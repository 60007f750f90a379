import { beforeAll, describe, expect } from 'vitest';
import { conformance, waitFor } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { jsonLines, suiteContext, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

// ExecResize: the TTY of a running exec takes the new size, which its process sees as SIGWINCH.

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const resize = {
  tags: ['exec', 'resize'],
  requirements: ['docker-api:ExecResize'],
  needs: ['exec' as const],
};
let running = '';

beforeAll(async () => {
  running = (await fileContainer(true, withCmd('sleep', '120'), withNetworkMode('none'))).id;
});

/** Starts `probe sigwait --log FILE` as a detached exec (TTY or not) and waits until it runs. */
async function sigwaitExec(tty: boolean): Promise<{ id: string; log: string }> {
  const log = `/tmp/${ctx.uniqueName('winch')}.log`;
  const { Id } = await ctx.client.exec.create(running, {
    Cmd: ['/bin/probe', 'sigwait', '--log', log],
    Tty: tty,
    AttachStdout: true,
    AttachStderr: true,
  });
  await ctx.client.exec.startDetached(Id, { tty });
  await waitFor(async () => (await ctx.client.exec.inspect(Id)).Running === true, {
    timeoutMs: 10_000,
    describe: `exec ${Id} to run`,
  });
  return { id: Id, log };
}

/** The signals sigwait has logged to its file so far (none when the file does not exist yet). */
async function signalsLogged(log: string): Promise<string[]> {
  const res = await ctx.client.exec.run(running, ['/bin/probe', 'read', log]);
  if (res.exitCode !== 0) return [];
  const read = jsonLines(res.stdout.toString('utf8'))[0] as { content?: string } | undefined;
  return jsonLines(read?.content ?? '').map((d) => String(d.signal));
}

const resizeExec = (id: string, h: number, w: number) =>
  ctx.client.raw('POST', `/exec/${id}/resize`, { query: { h: String(h), w: String(w) } });

describe('ExecResize', () => {
  conformance('resizing a running TTY exec answers 200', resize, async () => {
    const exec = await sigwaitExec(true);
    expect((await resizeExec(exec.id, 33, 111)).status).toBe(200);
  });

  conformance('the process of a resized TTY exec gets SIGWINCH', resize, async () => {
    const exec = await sigwaitExec(true);
    // Handlers are installed a moment after the process runs: resize (to a new size each time) until one lands.
    let round = 0;
    await waitFor(
      async () => {
        round += 1;
        const res = await resizeExec(exec.id, 20 + round, 80 + round);
        expect(res.status).toBeLessThan(300);
        return (await signalsLogged(exec.log)).includes('SIGWINCH');
      },
      { timeoutMs: 15_000, intervalMs: 200, describe: 'SIGWINCH after ExecResize' },
    );
  });

  conformance('an unknown exec id answers 404 with an error body', resize, async () => {
    const res = await resizeExec(`ss${ctx.runId}nosuchexec`, 24, 80);
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });
});
