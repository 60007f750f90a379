import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';
import { defaultContext } from './discovery/context.js';

const run = promisify(execFile);
const root = projectRoot();
const main = join(root, 'dist/cli/main.js');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
async function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const r = await run(process.execPath, [main, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const isSocket = (p: string) => existsSync(p) && statSync(p).isSocket();
const ctx = defaultContext();
const peers = {
  docker: isSocket('/var/run/docker.sock'),
  podman: isSocket('/run/podman/podman.sock'),
  containerd: isSocket('/run/containerd/containerd.sock'),
  runc: Boolean(await ctx.which('runc')),
  crun: Boolean(await ctx.which('crun')),
  registry: await ctx.answers('http://127.0.0.1:5000/v2/'),
};

// The CLI runs compiled code: build dist/ first (incremental, as `npm run build` does; a no-op after it).
describe('compiled CLI', () => {
  beforeAll(async () => {
    await run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        timeout: 180_000,
      },
    ).catch(() => undefined);
    if (!existsSync(main)) throw new Error(`tsc did not produce ${main}`);
  }, 200_000);

  it('exits 2 on a bad DOCKER_HOST scheme, naming it, without a stack trace', async () => {
    const r = await cli(['engines'], { DOCKER_HOST: 'ftp://example:21' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shipshape: DOCKER_HOST=ftp://example:21: unsupported scheme');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  describe('engines --json on this machine', () => {
    let listed: { name: string; family: string; source: string }[] = [];
    let embedded: { name: string; family: string; status: string }[] = [];
    beforeAll(async () => {
      const env = { DOCKER_HOST: '', CONTAINER_HOST: '', SHIPSHAPE_REGISTRY: '' };
      const r = await cli(['engines', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as { engines: typeof listed; embedded: typeof embedded };
      listed = doc.engines;
      embedded = doc.embedded;
    }, 90_000);

    it('lists the reference engine: shiprun and shipd, each ready or with the reason it is not', () => {
      expect(embedded.map((e) => e.name).sort()).toEqual(['shipd', 'shiprun']);
      for (const e of embedded) expect(e.status).toMatch(/^(ready \(.+\)|unavailable: .+)$/);
    });

    for (const [name, present] of Object.entries(peers)) {
      // skipped when that peer is not running here
      it.skipIf(!present)(`lists ${name}`, () => {
        expect(listed.map((e) => e.name)).toContain(name);
      });
    }

    it.skipIf(!peers.registry)('says the registry was found by probing', () => {
      expect(listed.find((e) => e.name === 'registry')?.source).toMatch(/answered/);
    });
  });
});
