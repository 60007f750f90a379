import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type FakeEngine,
  frame,
  startFakeEngine,
} from '../../../core/engines/docker-api/testing/fake-engine.js';

/**
 * A canned Docker-API engine answering every differential scenario, for tests. The `candidate` flavour
 * differs from the `reference` on purpose: container inspect lacks `Platform` (missing), has
 * `State/Health` (extra), `HostConfig/Binds` is `[]` not null (type-change), `State/Status` is
 * capitalised (value-change), a second start answers 204 not 304 and `/v99.99` 200 not 400
 * (status-change), events end in `remove` not `destroy` (keyed), `top` has a number in a row, Mounts
 * come in the other order (no difference: keyed by Destination). Lifecycle: `start`, use, `close`.
 */
export type Flavour = 'reference' | 'candidate';

interface Answer {
  status: number;
  body?: unknown;
  raw?: Buffer;
}

const json = (status: number, body?: unknown): Answer => ({
  status,
  ...(body === undefined ? {} : { body }),
});
const notFound = (what: string) => json(404, { message: `No such ${what}` });

function inspect(name: string, c: Flavour): unknown {
  const mounts = [
    { Type: 'volume', Destination: '/data', RW: true, Source: `/var/lib/${name}` },
    { Type: 'tmpfs', Destination: '/scratch', RW: true, Source: '' },
  ];
  return {
    Id: `${c}-${name}-id`,
    Name: `/${name}`,
    State: { Status: c === 'reference' ? 'running' : 'Running', Pid: c === 'reference' ? 10 : 20 },
    Config: { Env: ['A=1'], Labels: { role: name } },
    HostConfig: { Binds: c === 'reference' ? null : [], Memory: 0 },
    Mounts: c === 'reference' ? mounts : [...mounts].reverse(),
    ...(c === 'reference' ? { Platform: 'linux' } : { Health: { Status: '' } }),
  };
}

function events(c: Flavour): unknown[] {
  const last = c === 'reference' ? 'destroy' : 'remove';
  return ['create', 'start', 'kill', 'die', last].map((Action, i) => ({
    Type: 'container',
    Action,
    time: i,
  }));
}

const FIXED = new Set([
  '/containers/json',
  '/containers/create',
  '/images/json',
  '/images/load',
  '/volumes/create',
]);

function answer(c: Flavour, started: Set<string>, method: string, path: string, body: string): Answer {
  if (path === '/v99.99/version')
    return c === 'reference' ? json(400, { message: 'too new' }) : json(200, {});
  if (path === '/v1.0/version') return json(400, { message: 'too old' });
  const p = path.replace(/^\/v1\.41/, '');
  const bare = p.replace(/\?.*/, '');
  const name = decodeURIComponent(bare.split('/')[2] ?? '');
  const named = bare.replace(/^\/(containers|images|volumes|exec|networks)\/.+?(\/[a-z]+)?$/, '/$1/X$2');
  const route = `${method} ${FIXED.has(bare) ? bare : named}`;
  if (name.includes('absent')) return notFound(name);
  switch (route) {
    case 'GET /version':
      return json(200, { ApiVersion: '1.41', Os: 'linux', Components: [{ Name: 'Engine', Version: c }] });
    case 'GET /info':
      return json(200, { OSType: 'linux', NCPU: 2, Containers: c === 'reference' ? 3 : 5 });
    case 'POST /images/load':
      return json(200, { stream: 'Loaded image\n' });
    case 'GET /images/X/json':
      return json(200, { Id: 'sha256:1', RepoTags: [name], Size: c === 'reference' ? 1 : 2 });
    case 'GET /images/json':
      return json(200, [{ Id: 'sha256:1' }]);
    case 'GET /images/X/history':
      return json(200, [{ Id: 'sha256:1', CreatedBy: 'x' }]);
    case 'DELETE /images/X':
      return json(200, [{ Untagged: name }]);
    case 'POST /containers/create': {
      if (body.includes('sometimes')) return json(400, { message: 'bad restart policy' });
      return body.includes('-absent') ? notFound('image') : json(201, { Id: `${c}-id`, Warnings: [] });
    }
    case 'GET /containers/X/json':
      return json(200, inspect(name, c));
    case 'POST /containers/X/start':
      if (started.has(name)) return json(c === 'reference' ? 304 : 204);
      started.add(name);
      return json(204);
    case 'GET /containers/X/top':
      return json(200, { Titles: ['PID'], Processes: [['root', c === 'reference' ? '1' : 1]] });
    case 'GET /containers/json':
      return json(200, [{ Id: 'c1', Names: ['/x'], State: 'running' }]);
    case 'POST /containers/X/exec':
      return json(201, { Id: `exec-${c}` });
    case 'GET /exec/X/json':
      return json(200, { Running: false, ExitCode: null });
    case 'POST /containers/X/kill':
      started.delete(name);
      return json(204);
    case 'POST /containers/X/wait':
      return json(200, { StatusCode: 137, Error: null });
    case 'GET /containers/X/logs':
      return { status: 200, raw: Buffer.concat([frame(1, 'hello\n'), frame(2, 'warn\n')]) };
    case 'DELETE /containers/X':
      return started.has(name) && !p.includes('force=1') ? json(409, { message: 'running' }) : json(204);
    case 'GET /events':
      return {
        status: 200,
        raw: Buffer.from(
          events(c)
            .map((e) => `${JSON.stringify(e)}\n`)
            .join(''),
        ),
      };
    case 'POST /volumes/create':
      return json(201, { Name: JSON.parse(body).Name, Driver: 'local', Options: null });
    case 'GET /volumes/X':
      return json(200, { Name: name, Driver: 'local' });
    case 'GET /volumes':
      return json(200, { Volumes: [], Warnings: null });
    case 'DELETE /volumes/X':
      return json(204);
    case 'GET /networks':
      return json(200, [{ Name: 'bridge' }, { Name: 'none' }]);
    case 'GET /networks/X':
      return json(200, { Name: name, Containers: { [`${c}-container-id`]: { Name: 'x' } } });
    default:
      return notFound(route);
  }
}

export interface FakeDocker extends FakeEngine {
  readonly flavour: Flavour;
}

/** Starts a canned engine of the given flavour on a unix socket in a temp dir. */
export async function startFakeDocker(flavour: Flavour): Promise<FakeDocker> {
  const started = new Set<string>();
  const request = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname + (url.searchParams.has('force') ? '?force=1' : '');
      const a = answer(flavour, started, req.method ?? 'GET', path, Buffer.concat(chunks).toString());
      const payload = a.raw ?? (a.body === undefined ? undefined : Buffer.from(JSON.stringify(a.body)));
      res.writeHead(a.status, payload && !a.raw ? { 'Content-Type': 'application/json' } : {});
      res.end(payload);
    });
  };
  const fake = await startFakeEngine({ request, apiVersion: '1.41' });
  return Object.assign(fake, { flavour });
}
