import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPD_MAIN, startShipd } from '../../cli/embedded/shipd-process.js';
import type { EmbeddedShipd } from '../../cli/io/io.js';
import { repoRoot } from '../../core/repo-root.js';
import { waitFor } from '../../core/wait-for.js';
import { dockerArchiveTar, fixtureImage, imageForHost, probePath } from '../../fixtures/images/index.js';

// The real docker CLIs against shipd (DOCKER_HOST=unix://…): the 28.2 CLI this machine comes with and
// Debian's 20.10 (docker.io). Each CLI gets its own shipd (private root, exec root and socket, stopped
// and removed afterwards) and goes through the workflow of issue 15, each step checked by its effect.
// Every CLI call is bounded in time; images come from the probe fixture (no pulls: --pull=never).

const ROOT = repoRoot();
const IS_ROOT = process.getuid?.() === 0;
const why = !IS_ROOT
  ? 'shipd needs root'
  : !existsSync(join(ROOT, SHIPD_MAIN))
    ? 'shipd is not built (npm run build)'
    : !existsSync(probePath())
      ? 'the probe binary is not built (npm run build)'
      : '';
/** util-linux `script`: runs a command on a new pty, for `-it`. */
const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const noTty = HAS_SCRIPT ? '' : ' (skipped: no `script` from util-linux to give the CLI a terminal)';

const CLIS = [
  { name: 'docker CLI 28.2', bin: '/usr/local/bin/docker' },
  { name: "Debian's docker CLI 20.10 (docker.io)", bin: '/usr/bin/docker' },
];

/** Each CLI call's bound; a step's own bound is its test timeout. */
const CALL_MS = 15_000;
const STEP_MS = 25_000;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** What the CLI tests share: the daemon, a scratch dir and the CLI's environment. */
interface Bench {
  shipd: EmbeddedShipd;
  dir: string;
  env: Record<string, string>;
  ref: string;
  id: string;
  /** What `docker load` (the probe archive on its stdin) did. */
  loaded: Run;
}

/** A command line for `sh -c`, each word single-quoted. */
const shellLine = (words: readonly string[]): string =>
  words.map((w) => `'${w.replaceAll("'", `'\\''`)}'`).join(' ');

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

for (const cli of CLIS) {
  const absent = existsSync(cli.bin) ? '' : `${cli.bin} is absent`;
  const skip = why || absent;
  describe.skipIf(skip !== '')(
    `${cli.name} against shipd${skip ? ` (${skip})` : ''}`,
    { timeout: STEP_MS },
    () => {
      const bench = {} as Bench;
      const children = new Set<ResultPromise>();

      /** Runs the CLI to its end (bounded); `input` goes to its stdin. */
      async function docker(args: readonly string[], input?: string | Buffer): Promise<Run> {
        const res = await execa(cli.bin, args, {
          env: bench.env,
          extendEnv: false,
          reject: false,
          timeout: CALL_MS,
          forceKillAfterDelay: 1000,
          stripFinalNewline: false,
          ...(input === undefined ? { stdin: 'ignore' } : { input }),
        });
        if (res.timedOut) throw new Error(`docker ${args.join(' ')} did not end within ${CALL_MS} ms`);
        return { code: res.exitCode ?? -1, out: String(res.stdout), err: String(res.stderr) };
      }

      /** Runs the CLI, expects exit 0 and answers its stdout, trimmed. */
      async function ok(args: readonly string[], input?: string | Buffer): Promise<string> {
        const res = await docker(args, input);
        if (res.code !== 0)
          throw new Error(`docker ${args.join(' ')} exited ${res.code}: ${res.err.trim() || res.out.trim()}`);
        return res.out.trim();
      }

      /** Runs the CLI, expects a failure and answers its stderr. */
      async function fails(args: readonly string[]): Promise<string> {
        const res = await docker(args);
        expect(res.code, `docker ${args.join(' ')} should fail; it wrote ${res.out}`).not.toBe(0);
        return res.err;
      }

      /** A CLI left running (logs -f, -it under script): its output so far and its end. */
      function background(file: string, args: readonly string[]) {
        const child = execa(file, args, {
          env: bench.env,
          extendEnv: false,
          reject: false,
          stdin: 'pipe',
          timeout: CALL_MS,
          forceKillAfterDelay: 1000,
          stripFinalNewline: false,
        });
        children.add(child);
        let out = '';
        let running = true;
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('latin1');
        });
        const ended = child.then((res) => {
          running = false;
          children.delete(child);
          return res;
        });
        return {
          output: () => out,
          write: (text: string) => child.stdin.write(text),
          /** Waits until the output matches. */
          sees: (pattern: RegExp, what: string) =>
            waitFor(
              () => {
                if (pattern.test(out)) return true;
                if (!running)
                  throw new Error(`the CLI ended first; its output: ${JSON.stringify(out.slice(-300))}`);
                return false;
              },
              {
                timeoutMs: CALL_MS,
                intervalMs: 20,
                describe: what,
                retry: () => false,
                onTimeout: (message) =>
                  new Error(`${message}; the output: ${JSON.stringify(out.slice(-300))}`),
              },
            ),
          ended,
        };
      }

      /** The CLI on a pty of `cols`x`rows` (util-linux script), for -it. */
      function onTty(args: readonly string[], size = { cols: 91, rows: 33 }) {
        const line = `stty cols ${size.cols} rows ${size.rows} && exec ${shellLine([cli.bin, ...args])}`;
        return background('script', ['-qefc', line, '/dev/null']);
      }

      /** A running container (`probe sigwait`: it logs each signal; SIGTERM ends it with 143). */
      const sigwait = (name: string) =>
        ok(['run', '-d', '--pull=never', '--name', name, bench.ref, 'sigwait', '--exit-on', 'SIGTERM']);

      const inspect = (format: string, target: string) => ok(['inspect', '-f', format, target]);

      beforeAll(async () => {
        bench.shipd = await startShipd(ROOT);
        bench.dir = await mkdtemp(join(tmpdir(), 'shipshape-docker-cli-'));
        bench.env = {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          HOME: bench.dir,
          SHELL: '/bin/sh',
          TERM: 'xterm',
          DOCKER_HOST: bench.shipd.endpoint.address,
          DOCKER_CONFIG: join(bench.dir, 'docker-config'),
          DOCKER_CLI_HINTS: 'false',
        };
        const fixture = await fixtureImage('probe');
        bench.ref = 'shipcli/probe:1';
        bench.id = imageForHost(fixture).id;
        // Every step runs on the probe image, so it is loaded here (through the CLI: the first test checks it).
        bench.loaded = await docker(['load'], await dockerArchiveTar(fixture, { refs: [bench.ref] }));
      }, 60_000);

      afterAll(async () => {
        for (const child of children) child.kill('SIGKILL');
        await bench.shipd?.stop();
        if (bench.dir) await rm(bench.dir, { recursive: true, force: true });
      }, 60_000);

      it('version names shipd as the server; load reads a docker-archive from stdin', async () => {
        expect(await ok(['version', '--format', '{{.Server.APIVersion}}'])).toBe('1.41');
        expect(bench.loaded).toMatchObject({ code: 0, out: `Loaded image: ${bench.ref}\n` });
        expect(await ok(['image', 'inspect', '-f', '{{.Id}}', bench.ref])).toBe(bench.id);
      });

      it('run -d runs it, run reports the exit code, run -i --rm pipes, ps -a lists, --pull=never pulls nothing', async () => {
        const id = await sigwait('daemonized');
        expect(id).toMatch(/^[0-9a-f]{64}$/);
        expect(await inspect('{{.State.Status}} {{.State.Running}}', 'daemonized')).toBe('running true');
        const attached = await docker([
          'run',
          '--pull=never',
          '--name',
          'three',
          bench.ref,
          'sh',
          '-c',
          'echo out; exit 3',
        ]);
        expect(attached).toMatchObject({ code: 3, out: 'out\n' });
        // -i: the CLI's stdin reaches the container; --rm: its output still comes before the removal.
        const piped = await docker(['run', '-i', '--rm', '--pull=never', bench.ref, 'cat'], 'into run\n');
        expect(piped).toMatchObject({ code: 0, out: 'into run\n' });
        const ps = lines(await ok(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Status}}']));
        expect(ps.find((l) => l.startsWith(`${id} daemonized Up `))).toBeDefined();
        expect(ps.find((l) => / three Exited \(3\) /.test(l))).toBeDefined();
        expect(lines(await ok(['ps', '--format', '{{.Names}}']))).toEqual(['daemonized']);
        const missing = await fails(['run', '--rm', '--pull=never', 'shipcli/absent:1', 'true']);
        expect(missing).toMatch(/No such image/i);
      });

      it.skipIf(!HAS_SCRIPT)(
        `run -it: a TTY both ways, its size, ^D ends it, --rm removes it${noTty}`,
        async () => {
          const session = onTty(
            [
              'run',
              '-it',
              '--rm',
              '--pull=never',
              '--name',
              'tty',
              bench.ref,
              'sh',
              '-c',
              'probe report tty; probe cat; probe winsize',
            ],
            { cols: 91, rows: 33 },
          );
          await session.sees(
            /"tty":\{"stdin":true,"stdout":true,"stderr":true\}/,
            'the container to see a terminal',
          );
          session.write('through the tty\r');
          // The container's terminal echoes the line, then cat writes it back: both with its CR LF.
          await session.sees(/through the tty\r\nthrough the tty\r\n/, 'the line echoed and copied back');
          session.write('\x04');
          const res = await session.ended;
          expect(res.exitCode, session.output()).toBe(0);
          expect(session.output()).toMatch(/\{"rows":33,"cols":91\}\r\n/);
          expect(await fails(['inspect', 'tty'])).toMatch(/No such (object|container)/i);
        },
      );

      it('exec: output, stdin (-i), exit code; exec -it gets a terminal', async () => {
        await sigwait('execs');
        expect(await ok(['exec', 'execs', 'probe', 'echo', 'inside'])).toBe('inside');
        for (let i = 0; i < 3; i++)
          expect(await ok(['exec', '-i', 'execs', 'probe', 'cat'], `piped ${i}\n`)).toBe(`piped ${i}`);
        expect((await docker(['exec', 'execs', 'probe', 'exit', '7'])).code).toBe(7);
        if (!HAS_SCRIPT) return;
        const session = onTty(['exec', '-it', 'execs', 'sh', '-c', 'probe report tty; probe cat']);
        await session.sees(
          /"tty":\{"stdin":true,"stdout":true,"stderr":true\}/,
          'the exec to see a terminal',
        );
        session.write('exec line\r');
        await session.sees(/exec line\r\nexec line\r\n/, 'the line echoed and copied back');
        session.write('\x04');
        expect((await session.ended).exitCode, session.output()).toBe(0);
        expect(await inspect('{{.State.Running}}', 'execs')).toBe('true');
      });

      it('logs -f follows until stop ends the container with SIGTERM (143)', async () => {
        await sigwait('followed');
        const follow = background(cli.bin, ['logs', '-f', 'followed']);
        await follow.sees(/"ready":"sigwait"/, 'logs -f to show the first line');
        await ok(['stop', '-t', '10', 'followed']);
        const res = await follow.ended;
        expect(res.exitCode).toBe(0);
        expect(follow.output()).toMatch(/"signal":"SIGTERM"/);
        expect(await inspect('{{.State.Status}} {{.State.ExitCode}}', 'followed')).toBe('exited 143');
      });

      it('kill delivers a signal; kill without one ends it with 137; rm and rm -f remove', async () => {
        await sigwait('killed');
        await ok(['kill', '-s', 'USR1', 'killed']);
        await waitFor(async () => (await ok(['logs', 'killed'])).includes('"signal":"SIGUSR1"'), {
          timeoutMs: CALL_MS,
          describe: 'SIGUSR1 in the logs',
        });
        expect(await inspect('{{.State.Running}}', 'killed')).toBe('true');
        await ok(['kill', 'killed']);
        await waitFor(async () => (await inspect('{{.State.Status}}', 'killed')) === 'exited', {
          timeoutMs: CALL_MS,
          describe: 'the killed container to exit',
        });
        expect(await inspect('{{.State.ExitCode}}', 'killed')).toBe('137');
        expect(await ok(['rm', 'killed'])).toBe('killed');
        expect(await fails(['inspect', 'killed'])).toMatch(/No such (object|container)/i);
        await sigwait('forced');
        expect(await fails(['rm', 'forced'])).toMatch(/stop the container before removing|force/i);
        expect(await ok(['rm', '-f', 'forced'])).toBe('forced');
        const names = lines(await ok(['ps', '-a', '--format', '{{.Names}}']));
        expect(names).not.toContain('killed');
        expect(names).not.toContain('forced');
      });

      it('images: reference and dangling filters, commit, image prune, inspect', async () => {
        await ok(['tag', bench.ref, 'shipcli/other:2']);
        const byRef = await ok([
          'images',
          '--filter',
          'reference=shipcli/probe',
          '--format',
          '{{.Repository}}:{{.Tag}}',
        ]);
        expect(lines(byRef)).toEqual([bench.ref]);
        const byGlob = await ok([
          'images',
          '--filter',
          'reference=shipcli/*:2',
          '--format',
          '{{.Repository}}:{{.Tag}}',
        ]);
        expect(lines(byGlob)).toEqual(['shipcli/other:2']);
        expect(await ok(['image', 'inspect', '-f', '{{json .Config.Entrypoint}}', bench.ref])).toBe(
          '["/bin/probe"]',
        );
        // Two commits to one tag: the first image loses its name and dangles.
        await sigwait('committed');
        await ok(['exec', 'committed', 'probe', 'write', '/marker', 'first']);
        const first = await ok(['commit', 'committed', 'shipcli/commit:1']);
        await ok(['exec', 'committed', 'probe', 'write', '/marker', 'second']);
        const second = await ok(['commit', 'committed', 'shipcli/commit:1']);
        expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(second).not.toBe(first);
        const dangling = lines(await ok(['images', '--filter', 'dangling=true', '-q', '--no-trunc']));
        expect(dangling).toContain(first);
        expect(dangling).not.toContain(second);
        const pruned = await ok(['image', 'prune', '-f']);
        expect(pruned).toContain(`deleted: ${first}`);
        expect(lines(await ok(['images', '--filter', 'dangling=true', '-q', '--no-trunc']))).not.toContain(
          first,
        );
        expect(await fails(['image', 'inspect', first])).toMatch(/No such image/i);
        expect(await ok(['image', 'inspect', '-f', '{{.Id}}', 'shipcli/commit:1'])).toBe(second);
        const content = await ok(['run', '--rm', '--pull=never', 'shipcli/commit:1', 'read', '/marker']);
        expect(JSON.parse(content)).toMatchObject({ content: 'second' });
      });

      it('save and load: an image deleted and loaded back runs with its content', async () => {
        const archive = join(bench.dir, 'saved.tar');
        await sigwait('saver');
        await ok(['exec', 'saver', 'probe', 'write', '/marker', 'saved']);
        const id = await ok(['commit', 'saver', 'shipcli/saved:1']);
        await ok(['save', '-o', archive, 'shipcli/saved:1']);
        expect(await ok(['rmi', 'shipcli/saved:1'])).toContain(`Deleted: ${id}`);
        expect(await fails(['image', 'inspect', id])).toMatch(/No such image/i);
        expect(await ok(['load', '-i', archive])).toContain('Loaded image: shipcli/saved:1');
        expect(await ok(['image', 'inspect', '-f', '{{.Id}}', 'shipcli/saved:1'])).toBe(id);
        const content = await ok(['run', '--rm', '--pull=never', 'shipcli/saved:1', 'read', '/marker']);
        expect(JSON.parse(content)).toMatchObject({ content: 'saved' });
      });

      it('cp both ways; stats --no-stream; top', async () => {
        await sigwait('copies');
        const hostIn = join(bench.dir, 'to-container.txt');
        await writeFile(hostIn, 'from the host\n');
        await ok(['cp', hostIn, 'copies:/tmp/in.txt']);
        expect(JSON.parse(await ok(['exec', 'copies', 'probe', 'read', '/tmp/in.txt']))).toMatchObject({
          content: 'from the host\n',
        });
        await ok(['exec', 'copies', 'probe', 'write', '/tmp/out.txt', 'from the container']);
        const hostOut = join(bench.dir, 'from-container.txt');
        await ok(['cp', 'copies:/tmp/out.txt', hostOut]);
        expect(await readFile(hostOut, 'utf8')).toBe('from the container');
        const stats = await ok([
          'stats',
          '--no-stream',
          '--format',
          '{{.Name}}|{{.PIDs}}|{{.MemUsage}}',
          'copies',
        ]);
        const [name, pids, mem] = stats.split('|');
        expect([name, pids]).toEqual(['copies', '1']);
        expect(mem).toMatch(/^[1-9][0-9.]*[KMG]i?B \/ /);
        const pid = await inspect('{{.State.Pid}}', 'copies');
        const top = lines(await ok(['top', 'copies']));
        expect(top[0]).toMatch(/^UID\s+PID\s+PPID/);
        expect(top.find((l) => l.split(/\s+/)[1] === pid && l.includes('probe sigwait'))).toBeDefined();
      });

      it('rename; pause and unpause (a paused container takes no exec)', async () => {
        await sigwait('before');
        await ok(['rename', 'before', 'after']);
        expect(await inspect('{{.Name}}', 'after')).toBe('/after');
        expect(await fails(['inspect', 'before'])).toMatch(/No such (object|container)/i);
        await ok(['pause', 'after']);
        expect(await inspect('{{.State.Status}} {{.State.Paused}}', 'after')).toBe('paused true');
        expect(await ok(['ps', '--filter', 'name=after', '--format', '{{.Status}}'])).toMatch(/\(Paused\)$/);
        expect(await fails(['exec', 'after', 'probe', 'echo', 'no'])).toMatch(/paused/i);
        await ok(['unpause', 'after']);
        expect(await inspect('{{.State.Status}} {{.State.Paused}}', 'after')).toBe('running false');
        expect(await ok(['exec', 'after', 'probe', 'echo', 'yes'])).toBe('yes');
      });

      it('volume create/ls/rm with run -v (read-only mounts refuse writes; an in-use volume stays)', async () => {
        expect(await ok(['volume', 'create', 'cli-data'])).toBe('cli-data');
        expect(lines(await ok(['volume', 'ls', '--format', '{{.Driver}} {{.Name}}']))).toContain(
          'local cli-data',
        );
        await ok([
          'run',
          '--rm',
          '--pull=never',
          '-v',
          'cli-data:/data',
          bench.ref,
          'write',
          '/data/f',
          'kept',
        ]);
        const read = await ok([
          'run',
          '--name',
          'reader',
          '--pull=never',
          '-v',
          'cli-data:/data:ro',
          bench.ref,
          'read',
          '/data/f',
        ]);
        expect(JSON.parse(read)).toMatchObject({ content: 'kept' });
        const ro = await docker([
          'run',
          '--rm',
          '--pull=never',
          '-v',
          'cli-data:/data:ro',
          bench.ref,
          'write',
          '/data/g',
          'x',
        ]);
        expect(ro.code).not.toBe(0);
        expect(await fails(['volume', 'rm', 'cli-data'])).toMatch(/in use/i);
        await ok(['rm', 'reader']);
        expect(await ok(['volume', 'rm', 'cli-data'])).toBe('cli-data');
        expect(lines(await ok(['volume', 'ls', '-q']))).not.toContain('cli-data');
      });

      it('events --since/--until replays a run in order and ends by itself', async () => {
        const since = (Date.now() / 1000 - 0.5).toFixed(3);
        await docker(['run', '--pull=never', '--name', 'evented', bench.ref, 'exit', '3']);
        await ok(['rm', 'evented']);
        const until = (Date.now() / 1000 + 0.3).toFixed(3);
        const format =
          '{{.Type}} {{.Action}} {{index .Actor.Attributes "name"}} {{index .Actor.Attributes "exitCode"}}';
        const args = [
          'events',
          '--since',
          since,
          '--until',
          until,
          '--filter',
          'container=evented',
          '--format',
          format,
        ];
        const events = lines(await ok(args)).map((l) => l.trim());
        expect(events).toEqual([
          'container create evented',
          'container attach evented',
          'container start evented',
          'container die evented 3',
          'container destroy evented',
        ]);
      });
    },
  );
}
