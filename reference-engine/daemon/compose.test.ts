import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket, connect as socketTo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPD_MAIN, startShipd } from '../../cli/embedded/shipd-process.js';
import { DockerApiClient } from '../../core/engines/docker-api/client.js';
import { repoRoot } from '../../core/repo-root.js';
import { waitFor } from '../../core/wait-for.js';
import { dockerArchiveTar, fixtureImage, imageForHost, probePath } from '../../fixtures/images/index.js';

// Debian's docker-compose 1.29 (Python, docker-py; `npm run peers` installs it) against shipd, and the
// same steps against the peer dockerd 20.10 to show they hold for Docker itself: up -d, ps, logs, exec -T,
// run --rm, stop, start, restart, down -v. shipd has no bridge networks (only none and host), so each
// service says network_mode: none or host, and compose then creates no network: its requests go through
// a relay here that records them. The probe image is loaded through the API first (compose 1.29 pulls
// only a missing image, and pull_policy: never forbids even that). Each compose call is bounded in time;
// the project name is unique, and a bystander container (no compose labels) shows that compose touches
// only its own project.

const ROOT = repoRoot();
const IS_ROOT = process.getuid?.() === 0;
const COMPOSE = '/usr/bin/docker-compose';
const DOCKER_SOCK = '/var/run/docker.sock';
const noCompose = existsSync(COMPOSE)
  ? ''
  : `${COMPOSE} is absent (npm run peers or apt-get install docker-compose installs it)`;
const noProbe = existsSync(probePath()) ? '' : 'the probe binary is not built (npm run build)';
const noShipd = !IS_ROOT
  ? 'shipd needs root'
  : !existsSync(join(ROOT, SHIPD_MAIN))
    ? 'shipd is not built (npm run build)'
    : '';

/** The peer dockerd's version, or why it cannot be used ('' and its version when it answers). */
async function dockerPeer(): Promise<{ why: string; version: string }> {
  if (!existsSync(DOCKER_SOCK)) return { why: `no dockerd at ${DOCKER_SOCK} (npm run peers)`, version: '' };
  const client = new DockerApiClient(`unix://${DOCKER_SOCK}`);
  try {
    const res = await client.raw('GET', '/version', { versioned: false, timeoutMs: 10_000 });
    const { Version } = res.json() as { Version?: string };
    return res.status === 200
      ? { why: '', version: Version ?? '?' }
      : { why: `dockerd answers /version with ${res.status}`, version: '' };
  } catch (err) {
    return { why: `dockerd does not answer at ${DOCKER_SOCK}: ${(err as Error).message}`, version: '' };
  } finally {
    await client.close();
  }
}
const docker = await dockerPeer();

interface Engine {
  readonly name: string;
  readonly skip: string;
  /** Only this test uses it: after down -v it must hold nothing but the bystander. */
  readonly private: boolean;
  /** Its socket path, and how to let it go (shipd: stopped and removed; dockerd: left running). */
  open(): Promise<{ socket: string; close: () => Promise<void> }>;
}

const ENGINES: readonly Engine[] = [
  {
    name: 'shipd (private)',
    skip: noCompose || noProbe || noShipd,
    private: true,
    async open() {
      const shipd = await startShipd(ROOT);
      return { socket: shipd.endpoint.address.replace(/^unix:\/\//, ''), close: () => shipd.stop() };
    },
  },
  {
    name: `the peer dockerd ${docker.version}`.trim(),
    skip: noCompose || noProbe || docker.why,
    private: false,
    open: async () => ({ socket: DOCKER_SOCK, close: async () => undefined }),
  },
];

/** Each compose call's bound; a step's own bound is its test timeout. */
const CALL_MS = 30_000;
const STEP_MS = 60_000;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Two services sharing a named volume, one on the none network and one on the host's; both wait for
 * signals and log each one (SIGTERM ends them, 143).
 */
const composeFile = (image: string): string =>
  [
    'services:',
    ...[
      ['web', 'none'],
      ['worker', 'host'],
    ].flatMap(([service, network]) => [
      `  ${service}:`,
      `    image: ${image}`,
      '    pull_policy: never',
      `    network_mode: ${network}`,
      '    command: ["sigwait", "--exit-on", "SIGTERM"]',
      '    volumes: ["data:/data"]',
    ]),
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');

/**
 * A unix socket that passes every byte between its clients and `target` and records the request lines
 * (`METHOD /path`) the clients send: what compose asked the engine for. Upgraded (attach, exec) streams
 * pass through as they are.
 */
async function recordingRelay(listen: string, target: string) {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    return s;
  };
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const engine = track(socketTo({ path: target, allowHalfOpen: true }));
    track(client);
    let partial = ''; // a line cut between two chunks
    client.on('data', (chunk: Buffer) => {
      const cut = (partial + chunk.toString('latin1')).split('\r\n');
      partial = (cut.pop() ?? '').slice(-4096);
      for (const line of cut) {
        const m = /^([A-Z]+ \/\S*) HTTP\/1\.[01]$/.exec(line);
        if (m?.[1]) requests.push(m[1]);
      }
    });
    client.pipe(engine);
    engine.pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  rmSync(listen, { force: true });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(listen, resolve));
  return {
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

interface ContainerSummary {
  Id: string;
  Names: string[];
  State: string;
  Labels: Record<string, string>;
}

for (const engine of ENGINES) {
  describe.skipIf(engine.skip !== '')(
    `docker-compose 1.29 against ${engine.name}${engine.skip ? ` (skipped: ${engine.skip})` : ''}`,
    { timeout: STEP_MS },
    () => {
      const project = `shipcompose${process.pid}${Date.now().toString(36)}`;
      const image = `shipcompose/probe:${project}`;
      const volume = `${project}_data`;
      const bystanderName = `${project}-bystander`;
      let dir = '';
      let api: DockerApiClient | undefined;
      let close: (() => Promise<void>) | undefined;
      let relay: Awaited<ReturnType<typeof recordingRelay>> | undefined;
      let env: Record<string, string> = {};
      let bystander = '';
      let imageId = '';

      const client = (): DockerApiClient => {
        if (!api) throw new Error('the engine is not open');
        return api;
      };

      /** docker-compose -H <relay> -p <project> -f <file> ARGS..., to its end (bounded). */
      async function compose(args: readonly string[], extra: Record<string, string> = {}): Promise<Run> {
        const res = await execa(
          COMPOSE,
          ['-H', `unix://${join(dir, 'relay.sock')}`, '-p', project, '-f', join(dir, 'compose.yml'), ...args],
          {
            cwd: dir,
            env: { ...env, ...extra },
            extendEnv: false,
            reject: false,
            stdin: 'ignore',
            timeout: CALL_MS,
            forceKillAfterDelay: 1000,
            stripFinalNewline: false,
          },
        );
        if (res.timedOut)
          throw new Error(`docker-compose ${args.join(' ')} did not end within ${CALL_MS} ms`);
        return { code: res.exitCode ?? -1, out: String(res.stdout), err: String(res.stderr) };
      }

      /** Runs compose, expects exit 0 and answers its stdout. */
      async function ok(args: readonly string[], extra: Record<string, string> = {}): Promise<string> {
        const res = await compose(args, extra);
        if (res.code !== 0)
          throw new Error(
            `docker-compose ${args.join(' ')} exited ${res.code}: ${res.err.trim() || res.out.trim()}`,
          );
        return res.out;
      }

      /** The API's JSON answer (status 200 expected). */
      async function get<T>(path: string): Promise<T> {
        const res = await client().raw('GET', path, { timeoutMs: CALL_MS });
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text()}`);
        return res.json() as T;
      }

      /** The project's containers, by the label compose puts on them (one-offs included). */
      const projectContainers = () => {
        const filters = JSON.stringify({ label: [`com.docker.compose.project=${project}`] });
        return get<ContainerSummary[]>(`/containers/json?all=1&filters=${encodeURIComponent(filters)}`);
      };

      /** Every container whose name starts with the project's: what compose made, whatever its labels. */
      const namedLikeProject = async () =>
        (await get<ContainerSummary[]>('/containers/json?all=1')).filter((c) =>
          c.Names.some((n) => n.startsWith(`/${project}_`)),
        );

      const state = async (service: string) =>
        (
          await get<{ State: { Status: string; ExitCode: number; StartedAt: string } }>(
            `/containers/${project}_${service}_1/json`,
          )
        ).State;

      /** Waits until `logs --no-color` shows each service's lines matching `pattern` `count` times. */
      async function logsShow(pattern: string, count: number, what: string): Promise<string> {
        let out = '';
        await waitFor(
          async () => {
            out = await ok(['logs', '--no-color']);
            return ['web', 'worker'].every(
              (s) =>
                lines(out).filter((l) => new RegExp(`^${s}_1\\s+\\| .*${pattern}`).test(l)).length === count,
            );
          },
          {
            timeoutMs: CALL_MS,
            intervalMs: 200,
            describe: what,
            onTimeout: (message) => new Error(`${message}; the logs:\n${out}`),
          },
        );
        return out;
      }

      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'shipshape-compose-'));
        const opened = await engine.open();
        close = opened.close;
        api = new DockerApiClient(`unix://${opened.socket}`);
        relay = await recordingRelay(join(dir, 'relay.sock'), opened.socket);
        env = {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          HOME: dir,
          DOCKER_CONFIG: join(dir, 'docker-config'),
        };
        await writeFile(join(dir, 'compose.yml'), composeFile(image));
        const fixture = await fixtureImage('probe');
        imageId = imageForHost(fixture).id;
        const loaded = await client().raw('POST', '/images/load', {
          body: await dockerArchiveTar(fixture, { refs: [image] }),
          headers: { 'Content-Type': 'application/x-tar' },
          timeoutMs: CALL_MS,
        });
        if (loaded.status !== 200) throw new Error(`loading ${image}: ${loaded.status} ${loaded.text()}`);
        const created = await client().raw('POST', '/containers/create', {
          query: { name: bystanderName },
          body: { Image: image, Cmd: ['sigwait'], HostConfig: { NetworkMode: 'none' } },
          timeoutMs: CALL_MS,
        });
        if (created.status !== 201) throw new Error(`the bystander: ${created.status} ${created.text()}`);
        bystander = (created.json() as { Id: string }).Id;
      }, 120_000);

      afterAll(async () => {
        if (api) {
          // what a failed step left: the project's containers, its volume, the bystander, the image's name
          if (dir) await compose(['down', '-v', '-t', '1']).catch(() => undefined);
          for (const c of await namedLikeProject().catch(() => []))
            await api
              .raw('DELETE', `/containers/${c.Id}`, { query: { force: 1, v: 1 } })
              .catch(() => undefined);
          await api.raw('DELETE', `/volumes/${volume}`).catch(() => undefined);
          if (bystander) await api.raw('DELETE', `/containers/${bystander}`, { query: { force: 1 } });
          await api.raw('DELETE', `/images/${image}`).catch(() => undefined);
          await api.close();
        }
        await relay?.close();
        await close?.();
        if (dir) await rm(dir, { recursive: true, force: true });
      }, 120_000);

      it('the probe image is there to use (loaded through the API; nothing is pulled)', async () => {
        expect((await get<{ Id: string }>(`/images/${image}/json`)).Id).toBe(imageId);
      });

      it('up -d creates the volume and both containers and starts them; ps lists both running', async () => {
        const up = await compose(['up', '-d']);
        expect(up.code, up.err).toBe(0);
        expect(up.err).toContain(`Creating volume "${volume}"`);
        const ps = lines(await ok(['ps']));
        for (const s of ['web', 'worker'])
          expect(
            ps.find((l) => new RegExp(`^${project}_${s}_1\\s.*\\sUp\\s*$`).test(l)),
            ps.join('\n'),
          ).toBeDefined();
        expect(ps.join('\n')).not.toContain(bystanderName);
        expect(lines(await ok(['ps', '--services', '--filter', 'status=running'])).sort()).toEqual([
          'web',
          'worker',
        ]);
        const mine = await projectContainers();
        expect(
          mine.map((c) => `${c.Names[0]} ${c.State} ${c.Labels['com.docker.compose.service']}`).sort(),
        ).toEqual([`/${project}_web_1 running web`, `/${project}_worker_1 running worker`]);
        for (const [s, mode] of [
          ['web', 'none'],
          ['worker', 'host'],
        ])
          expect(
            (await get<{ HostConfig: { NetworkMode: string } }>(`/containers/${project}_${s}_1/json`))
              .HostConfig.NetworkMode,
          ).toBe(mode);
        const vol = await get<{ Name: string; Labels: Record<string, string> | null }>(`/volumes/${volume}`);
        expect(vol.Labels?.['com.docker.compose.project']).toBe(project);
      });

      it('logs shows what each service wrote, under its name', async () => {
        const out = await logsShow('"ready":"sigwait"', 1, 'each service to log its start');
        expect(lines(out).filter((l) => /^(web|worker)_1\s+\| /.test(l))).toHaveLength(2);
        expect(await ok(['logs', '--no-color', 'worker'])).not.toMatch(/^web_1/m);
      });

      it('exec -T runs a command in a service (through docker-py and through the docker CLI); its exit code comes back', async () => {
        const noCli = { COMPOSE_INTERACTIVE_NO_CLI: '1' };
        expect(
          JSON.parse(await ok(['exec', '-T', 'web', 'probe', 'write', '/data/greeting', 'hello'], noCli)),
        ).toMatchObject({
          written: 5,
        });
        // the volume is shared: the other service reads what this one wrote
        expect(
          JSON.parse(await ok(['exec', '-T', 'worker', 'probe', 'read', '/data/greeting'])),
        ).toMatchObject({
          content: 'hello',
        });
        expect((await compose(['exec', '-T', 'web', 'probe', 'exit', '7'], noCli)).code).toBe(7);
        expect((await compose(['exec', '-T', 'web', 'probe', 'exit', '7'])).code).toBe(7);
      });

      it('run --rm runs a one-off with the service volume, reports its exit code and removes it', async () => {
        const read = await ok(['run', '--rm', '-T', 'web', 'read', '/data/greeting']);
        expect(JSON.parse(lines(read).at(-1) ?? '')).toMatchObject({ content: 'hello' });
        const noCli = { COMPOSE_INTERACTIVE_NO_CLI: '1' };
        expect((await compose(['run', '--rm', '-T', 'web', 'exit', '5'], noCli)).code).toBe(5);
        // compose links a one-off to its service's containers, and links do not go with the host network:
        // the engine refuses the create (dockerd's 400)
        const refused = await compose(['run', '--rm', '-T', 'worker', 'exit', '0']);
        expect(refused.code).not.toBe(0);
        expect(refused.err).toContain("host type networking can't be used with links");
        const left = await projectContainers();
        expect(left.filter((c) => c.Labels['com.docker.compose.oneoff'] !== 'False')).toEqual([]);
        expect(left).toHaveLength(2);
      });

      it('stop ends both with SIGTERM (143); start runs them again; restart once more', async () => {
        await ok(['stop']);
        for (const s of ['web', 'worker'])
          expect(await state(s)).toMatchObject({ Status: 'exited', ExitCode: 143 });
        const stopped = lines(await ok(['ps']));
        expect(stopped.filter((l) => /\sExit 143\s*$/.test(l))).toHaveLength(2);
        await logsShow('"signal":"SIGTERM"', 1, 'each service to log the SIGTERM');
        const before = (await state('web')).StartedAt;
        await ok(['start']);
        for (const s of ['web', 'worker']) expect((await state(s)).Status).toBe('running');
        const started = (await state('web')).StartedAt;
        expect(started).not.toBe(before);
        await logsShow('"ready":"sigwait"', 2, 'each service to log its second start');
        await ok(['restart', '-t', '10']);
        for (const s of ['web', 'worker']) expect((await state(s)).Status).toBe('running');
        expect((await state('web')).StartedAt).not.toBe(started);
        await logsShow('"signal":"SIGTERM"', 2, 'each service to log the restart SIGTERM');
        await logsShow('"ready":"sigwait"', 3, 'each service to log its third start');
        // the volume outlived both stops
        expect(JSON.parse(await ok(['exec', '-T', 'web', 'probe', 'read', '/data/greeting']))).toMatchObject({
          content: 'hello',
        });
      });

      it('down -v removes the containers and the volume and nothing else; no network was asked for', async () => {
        await ok(['down', '-v']);
        expect(await projectContainers()).toEqual([]);
        expect(await namedLikeProject()).toEqual([]);
        const vol = await client().raw('GET', `/volumes/${volume}`);
        expect(vol.status).toBe(404);
        const { Volumes } = await get<{ Volumes: { Name: string }[] | null }>('/volumes');
        expect((Volumes ?? []).map((v) => v.Name)).not.toContain(volume);
        expect((await get<{ Id: string }>(`/containers/${bystander}/json`)).Id).toBe(bystander);
        if (engine.private) {
          expect((await get<ContainerSummary[]>('/containers/json?all=1')).map((c) => c.Id)).toEqual([
            bystander,
          ]);
          expect(Volumes ?? []).toEqual([]);
        }
        // network_mode none and host only: compose neither looked up nor created a network; it pulled nothing
        const asked = relay?.requests ?? [];
        expect(asked.length).toBeGreaterThan(10);
        expect(asked.filter((r) => /\/networks|\/images\/create/.test(r))).toEqual([]);
      });
    },
  );
}
