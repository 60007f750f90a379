import { beforeEach, describe, expect } from 'vitest';
import { withTerminal } from '../../core/engines/runtime-cli/bundle.js';
import { conformance } from '../support/index.js';
import { configOpts, createTracked, runLines, withReport, withSh } from './config-helpers.js';
import { cli, consoleUnavailable, probeBundleWith, useConsoleReceiver, useRuntime } from './support/index.js';

useRuntime();

const receiver = useConsoleReceiver();

interface Console {
  readonly received: { rows: number; cols: number };
  /** Everything the container wrote to its terminal (\r\n line ends). */
  readonly output: string;
}

/** Creates and starts the bundle with --console-socket and collects what the receiver saw. */
async function runOnConsole(bundleDir: string): Promise<Console> {
  const { socket, output, errors, exited } = await receiver.listen();
  const id = await createTracked('tty', bundleDir, { consoleSocket: socket });
  await cli().start(id);
  await cli().waitForStatus(id, 'stopped', { timeoutMs: 15_000 });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((res) => {
    timer = setTimeout(() => res('timeout'), 15_000);
  });
  const code = await Promise.race([exited, deadline]).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`console receiver exited ${code}: ${errors()}`);
  const [, second, ...rest] = output().split('\n');
  return { received: JSON.parse(second ?? '{}') as Console['received'], output: rest.join('\n') };
}

const jsonLines = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const opts = (...ids: string[]) => configOpts('terminal', ...ids);

describe('process.terminal (needs cc for the console receiver)', () => {
  // each test is skipped with the reason (a describe.skipIf would skip them without one)
  beforeEach((ctx) => {
    const why = consoleUnavailable();
    if (why) ctx.skip(why);
  });

  conformance('terminal true puts a pty on stdin, stdout and stderr', opts('process.terminal'), async () => {
    const b = await probeBundleWith({}, withTerminal(true), withReport('tty'));
    const c = await runOnConsole(b.dir);
    expect(jsonLines(c.output)[0]).toEqual({ tty: { stdin: true, stdout: true, stderr: true } });
  });

  conformance('consoleSize sizes the terminal', opts('process.consoleSize'), async () => {
    const b = await probeBundleWith({}, withTerminal(true, { height: 33, width: 111 }), withReport('tty'));
    const c = await runOnConsole(b.dir);
    expect(c.received).toMatchObject({ rows: 33, cols: 111 });
  });

  conformance(
    '/dev/console is the terminal when terminal is true',
    opts('linux.default-devices.console'),
    async () => {
      const b = await probeBundleWith({}, withTerminal(true), withSh('stat /dev/console'));
      const line = jsonLines((await runOnConsole(b.dir)).output)[0];
      const stat = line?.stat as { path: string; type: string; major: number } | undefined;
      // a Unix98 pty slave: char device of major 136..143
      expect(stat).toMatchObject({ path: '/dev/console', type: 'char' });
      expect(stat && stat.major >= 136 && stat.major <= 143).toBe(true);
    },
  );
});

describe('process.terminal false', () => {
  conformance(
    'terminal false: no tty, and consoleSize is ignored',
    opts('process.terminal', 'process.consoleSize'),
    async () => {
      const b = await probeBundleWith({}, withTerminal(false, { height: 10, width: 10 }), withReport('tty'));
      const r = await runLines(b);
      expect(r.lines[0]).toEqual({ tty: { stdin: false, stdout: false, stderr: false } });
    },
  );
});
