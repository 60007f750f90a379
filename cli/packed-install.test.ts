import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../core/repo-root.js';

// `npm pack`, installed outside the checkout, from a cwd that is no checkout: the suites are found and
// run (not skipped), the reports land under that cwd, and the exit code says how it went. The install
// takes the dependencies offline from the npm cache `npm ci` filled (a lockfile made from the checkout's),
// and only when the cache lacks one does npm ask the registry.

const run = promisify(execFile);
const root = repoRoot();
const DOCKER_SOCK = '/var/run/docker.sock';
const RUNC = '/usr/sbin/runc';
const SETPRIV = '/usr/bin/setpriv';
const BUILT = ['dist/cli/main.js', 'build/probe', 'build/shiprun-init', 'build/shipshape_native.node'];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(cmd: string, args: string[], cwd: string, timeout = 180_000): Promise<Ran> {
  try {
    const r = await run(cmd, args, { cwd, timeout, maxBuffer: 64 << 20, env: { ...process.env, CI: '1' } });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(err),
    };
  }
}

/** Resolves to why Docker is not usable here, or undefined when it answers _ping. */
function dockerAbsent(): Promise<string | undefined> {
  if (!existsSync(DOCKER_SOCK)) return Promise.resolve(`no Docker socket at ${DOCKER_SOCK}`);
  return new Promise((resolve) => {
    const req = request({ socketPath: DOCKER_SOCK, path: '/_ping', timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? undefined : `Docker's _ping answered ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 3 s')));
    req.on('error', (e) => resolve(`Docker does not answer at ${DOCKER_SOCK}: ${e.message}`));
    req.end();
  });
}

/** A project that holds the tarball as its one dependency, locked to the checkout's dependency versions. */
async function lockedProject(dir: string, tgz: string): Promise<void> {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Record<string, unknown>>;
  };
  const { stdout } = await run('tar', ['xzf', tgz, '-O', 'package/package.json'], { cwd: dir });
  const pkg = JSON.parse(stdout) as Record<string, unknown>;
  const file = `file:${relative(dir, tgz)}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  const packages: Record<string, Record<string, unknown>> = {
    '': { name: 'install-check', dependencies: { shipshape: file } },
    'node_modules/shipshape': {
      version: pkg.version,
      resolved: file,
      integrity,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev === true) continue;
    const { devOptional: _, ...kept } = entry;
    packages[path] = kept;
  }
  const manifest = { name: 'install-check', private: true, dependencies: { shipshape: file } };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const locked = { name: 'install-check', lockfileVersion: 3, requires: true, packages };
  await writeFile(join(dir, 'package-lock.json'), JSON.stringify(locked, null, 2));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('the packed package, installed outside the checkout', () => {
  let base = '';
  let installed = '';
  let bin = '';
  let cwd = '';
  let installError = '';

  beforeAll(async () => {
    const unbuilt = BUILT.filter((f) => !existsSync(join(root, f)));
    if (unbuilt.length > 0) {
      installError = `not built: ${unbuilt.join(', ')} (npm run build first)`;
      return;
    }
    base = await mkdtemp(join(tmpdir(), 'shipshape-install-'));
    await chmod(base, 0o755); // another user runs the install too (see below)
    // the checkout is built (npm test builds first): pack what is there, without a rebuild
    const packed = await sh(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', base],
      root,
    );
    if (packed.code !== 0) {
      installError = `npm pack failed: ${packed.stderr}`;
      return;
    }
    const tgz = join(base, packed.stdout.trim().split('\n').pop() ?? '');
    const project = join(base, 'prefix');
    await mkdir(project);
    await lockedProject(project, tgz);
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    let ci = await sh('npm', ['ci', '--offline', ...quiet], project);
    if (ci.code !== 0) ci = await sh('npm', ['ci', '--prefer-offline', ...quiet], project);
    if (ci.code !== 0) {
      installError = `npm ci of the packed tarball failed: ${ci.stderr.slice(-2000)}`;
      return;
    }
    installed = join(project, 'node_modules', 'shipshape');
    bin = join(project, 'node_modules', '.bin', 'shipshape');
    cwd = join(base, 'elsewhere');
    await mkdir(cwd);
  }, 300_000);

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('ships the built CLI, binaries and suites, no unit tests, and nothing that reads ../shared', async () => {
    expect(installError).toBe('');
    const files = await filesUnder(installed);
    for (const f of [...BUILT, 'vitest.config.ts', 'suites/basics/basics.test.ts', 'core/repo-root.ts']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.unit.test.ts'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.test.ts') && !f.startsWith('suites/'))).toEqual([]);
    const sharedPath = /\.\.\/shared\b|\/work\/shared\b|'\.\.',\s*'shared'/;
    const readers: string[] = [];
    for (const f of files.filter((x) => /\.(ts|js|cjs|mjs|sh)$/.test(x) && !x.startsWith('node_modules/'))) {
      if (sharedPath.test(await readFile(join(installed, f), 'utf8'))) readers.push(f);
    }
    expect(readers).toEqual([]);
  });

  it('conform --suite basics runs the suite on Docker from a cwd that is no checkout', async (ctx) => {
    const absent = await dockerAbsent();
    if (absent) ctx.skip(`Docker is needed for this run: ${absent}`);
    expect(installError).toBe('');
    const r = await sh(bin, ['conform', '--engine', 'docker', '--suite', 'basics'], cwd, 240_000);
    const out = join(cwd, 'reports', 'out');
    expect(existsSync(join(out, 'results.json')), `${r.stdout}\n${r.stderr}`).toBe(true);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as {
      tests: { id: string; status: string; message?: string }[];
    };
    const notPassed = results.tests.filter((t) => t.status !== 'pass');
    expect(notPassed).toEqual([]);
    expect(results.tests.length).toBeGreaterThanOrEqual(4);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    expect(r.code, r.stderr).toBe(0);
  }, 300_000);

  it('bench --quick measures Docker from a cwd that is no checkout', async (ctx) => {
    const absent = await dockerAbsent();
    if (absent) ctx.skip(`Docker is needed for this run: ${absent}`);
    expect(installError).toBe('');
    const r = await sh(bin, ['bench', '--quick', '--engine', 'docker'], cwd, 420_000);
    expect(r.code, `${r.stdout.slice(-2000)}\n${r.stderr}`).toBe(0);
    const bench = join(cwd, 'reports', 'out', 'bench', 'bench.json');
    expect(existsSync(bench)).toBe(true);
    const doc = JSON.parse(await readFile(bench, 'utf8')) as {
      benchmarks: { id: string; engine: string; samples: number[]; errors: string[] }[];
      errors: unknown[];
    };
    expect(doc.errors).toEqual([]);
    const onDocker = doc.benchmarks.filter((b) => b.engine === 'docker');
    expect(onDocker.length).toBeGreaterThan(0);
    expect(onDocker.filter((b) => b.samples.length === 0 || b.errors.length > 0)).toEqual([]);
  }, 450_000);

  it('a user who does not own the install runs it: root-only tests skip with their reason', async (ctx) => {
    const why =
      process.getuid?.() !== 0
        ? 'not root: this test runs the install as another user (nobody)'
        : !existsSync(RUNC)
          ? `no runc at ${RUNC}`
          : !existsSync(SETPRIV)
            ? `no ${SETPRIV} to run as nobody`
            : undefined;
    if (why) ctx.skip(why);
    expect(installError).toBe('');
    // nobody owns no file of the install (vitest must not write beside its config) and is not root
    const home = join(base, 'nobody');
    await mkdir(home);
    await chmod(home, 0o777);
    const as = ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${home}`];
    const r = await sh(
      SETPRIV,
      [...as, bin, 'conform', '--engine', 'runc', '--suite', 'basics'],
      home,
      240_000,
    );
    const file = join(home, 'reports', 'out', 'results.json');
    expect(existsSync(file), `${r.stdout}\n${r.stderr}`).toBe(true);
    const results = JSON.parse(await readFile(file, 'utf8')) as {
      tests: { status: string; message?: string }[];
      errors: unknown[];
    };
    expect(results.errors).toEqual([]);
    expect(results.tests.length).toBeGreaterThan(0);
    for (const t of results.tests) {
      expect(t).toMatchObject({ status: 'skip', message: expect.stringMatching(/^not root \(uid 65534\)/) });
    }
    expect(r.code, r.stderr).toBe(0);
  }, 300_000);
});
