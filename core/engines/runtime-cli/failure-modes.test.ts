import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, EngineUnreachableError, TimeoutError } from '../../errors.js';
import { describeRuntimeCli } from './describe.js';
import { RuntimeCli } from './runtime-cli.js';
import { pollUntil, processGone } from './test-helpers.js';

const endpoint = (address: string) => ({
  name: 'fake',
  family: 'runtime-cli' as const,
  address,
  source: 'test',
});

describe('RuntimeCli failure modes (fake runtimes)', () => {
  let dir: string;
  const opened: RuntimeCli[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-fake-rt-'));
  });
  afterEach(async () => {
    for (const cli of opened.splice(0)) await cli.close();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (address: string, timeoutMs?: number) => {
    const cli = await RuntimeCli.open(endpoint(address), { timeoutMs });
    opened.push(cli);
    return cli;
  };

  const script = async (name: string, body: string) => {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  };

  it('a hung runtime is killed with its whole process group and raises TimeoutError', async () => {
    const pids = join(dir, 'pids');
    const path = await script('hangrt', `echo $$ > ${pids}\nsleep 1000 &\necho $! >> ${pids}\nwait`);
    const cli = await open(path, 400);
    const started = Date.now();
    const err = await cli.state('c1').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).message).toBe('hangrt state timed out after 400 ms');
    const [shell, sleeper] = (await readFile(pids, 'utf8')).trim().split('\n').map(Number);
    expect(shell).toBeGreaterThan(0);
    expect(sleeper).toBeGreaterThan(0);
    expect(await pollUntil(async () => (await processGone(shell ?? 0)) && processGone(sleeper ?? 0))).toBe(
      true,
    );
  });

  it('a missing binary is EngineUnreachableError naming the path', async () => {
    const cli = await open(join(dir, 'no-such-runtime'));
    const err = await cli.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnreachableError);
    expect((err as Error).message).toMatch(/no-such-runtime: executable not found/);
    await expect(describeRuntimeCli(endpoint(join(dir, 'nope')))).rejects.toBeInstanceOf(
      EngineUnreachableError,
    );
  });

  it('a non-zero exit becomes EngineError with the msg of the JSON log', async () => {
    const body = [
      'while [ $# -gt 0 ]; do [ "$1" = --log ] && log=$2; shift; done',
      `echo '{"level":"warning","msg":"noise"}' >> "$log"`,
      `echo '{"level":"error","msg":"container \\"x\\" is broken"}' >> "$log"`,
      'echo "stderr text" >&2',
      'exit 7',
    ].join('\n');
    const cli = await open(await script('failrt', body));
    const err = await cli.start('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 7, engineMessage: 'container "x" is broken' });
    expect((err as Error).message).toBe('failrt start x: 7 container "x" is broken');
  });

  it('passes global flags, its state root and absolute paths in runc CLI order', async () => {
    const argsFile = join(dir, 'args');
    const path = await script('argsrt', `printf '%s\\n' "$@" > ${argsFile}`);
    const cli = await RuntimeCli.open({ ...endpoint(path), args: ['--systemd-cgroup'] }, { stateRoot: dir });
    opened.push(cli);
    await cli.create('c1', 'rel-bundle', { pidFile: 'p.pid', consoleSocket: '/run/console.sock' });
    const args = (await readFile(argsFile, 'utf8')).trim().split('\n');
    expect(args.slice(0, 3)).toEqual(['--systemd-cgroup', '--root', dir]);
    expect(args.slice(3, 6)).toEqual(['--log', expect.stringMatching(/\.json$/), '--log-format']);
    expect(args.slice(7)).toEqual([
      'create',
      '--bundle',
      join(process.cwd(), 'rel-bundle'),
      '--pid-file',
      join(process.cwd(), 'p.pid'),
      '--console-socket',
      '/run/console.sock',
      'c1',
    ]);
  });

  it('close() removes the state root and log directory it owns', async () => {
    const cli = await open(await script('okrt', 'exit 0'));
    const root = cli.stateRoot;
    expect((await stat(root)).isDirectory()).toBe(true);
    await cli.close();
    await expect(stat(root)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
