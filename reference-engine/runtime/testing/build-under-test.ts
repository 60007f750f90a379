import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = resolve(import.meta.dirname, '../../..');
export const PROBE = join(REPO, 'build', 'probe');

/** shiprun-init links libseccomp statically: without Debian's libseccomp-dev it cannot be built. */
const staticSeccomp = (): boolean => {
  try {
    return existsSync(execFileSync('cc', ['-print-file-name=libseccomp.a'], { encoding: 'utf8' }).trim());
  } catch {
    return false;
  }
};
export const SECCOMP_BUILDABLE = staticSeccomp();
export const NATIVE_BUILDABLE = existsSync(join(REPO, 'build', 'shiprun-init')) || SECCOMP_BUILDABLE;

/**
 * Builds OUT/shiprun-init (make is a no-op when it is current), without libseccomp when asked or when
 * libseccomp.a is absent, as scripts/build-native.sh does.
 */
export async function buildNative(out = join(REPO, 'build'), seccomp = SECCOMP_BUILDABLE): Promise<string> {
  const vars = seccomp ? [] : ['SECCOMP=none'];
  await run('make', ['-s', '-C', join(REPO, 'reference-engine/runtime/init-shim'), `OUT=${out}`, ...vars], {
    timeout: 120_000,
  });
  return join(out, 'shiprun-init');
}

/**
 * A runnable shiprun CLI for tests: the native helper built, the CLI compiled (only its own imports)
 * into a fresh dir under build/, and a launcher script. Lifecycle: `await buildShiprun()` in
 * beforeAll, `dispose()` in afterAll removes the compiled copy and the launcher.
 */
export interface ShiprunUnderTest {
  readonly launcher: string;
  dispose(): Promise<void>;
}

export async function buildShiprun(): Promise<ShiprunUnderTest> {
  await buildNative();
  const out = await mkdtemp(join(REPO, 'build', 'shiprun-test-'));
  const tsc = join(REPO, 'node_modules', '.bin', 'tsc');
  const flags = [
    '--outDir',
    out,
    '--rootDir',
    REPO,
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
  ];
  const more = ['--target', 'ES2023', '--skipLibCheck', '--types', 'node', '--noCheck'];
  const cli = join(REPO, 'reference-engine/runtime/cli');
  await run(tsc, [...flags, ...more, join(cli, 'main.ts'), join(cli, 'shiprun.cts')], { timeout: 120_000 });
  const bin = await mkdtemp(join(tmpdir(), 'shiprun-bin-'));
  const launcher = join(bin, 'shiprun');
  const main = join(out, 'reference-engine/runtime/cli/shiprun.cjs');
  await writeFile(launcher, `#!/bin/sh\nexec node ${main} "$@"\n`);
  await chmod(launcher, 0o755);
  return {
    launcher,
    dispose: async () => {
      await rm(out, { recursive: true, force: true });
      await rm(bin, { recursive: true, force: true });
    },
  };
}
