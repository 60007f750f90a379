import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BundleOption, withHook, withNamespaces } from '../../../core/engines/runtime-cli/bundle.js';
import { isRoot } from '../../../core/engines/runtime-cli/test-helpers.js';
import { InvalidArgument } from '../../errors.js';
import { createContainer } from '../index.js';
import { buildNative, NATIVE_BUILDABLE, PROBE } from '../testing/build-under-test.js';
import { cgroupsOf, mountsUnder, processesMentioning } from '../testing/leftovers.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { useScratchRoot } from '../testing/scratch-root.js';
import { seccompBuiltIn } from './native-binary.js';

const skip = !isRoot || !existsSync(PROBE) || !existsSync('/bin/busybox') || !NATIVE_BUILDABLE;

describe.skipIf(skip)(
  'a failed create leaves nothing behind (needs root, build/probe, /bin/busybox and libseccomp-dev)',
  () => {
    const scratch = useScratchRoot('shiprun-fail-');

    async function expectFailure(
      id: string,
      message: RegExp,
      edit: (bundleDir: string) => Promise<void>,
      ...opts: BundleOption[]
    ) {
      const b = await probeBundle(scratch.dir, id, ['sleep', '30'], ...opts);
      await edit(b.dir);
      const err = await createContainer({ root: scratch.root, id, bundle: b.dir, stdio: 'ignore' }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(message);
      expect(existsSync(join(scratch.root, id))).toBe(false);
      expect(cgroupsOf(id)).toEqual([]);
      expect(mountsUnder(scratch.dir)).toEqual([]);
      expect(processesMentioning(join(scratch.root, id))).toEqual([]);
      return err;
    }

    it('an invalid config names the field', async () => {
      const err = await expectFailure('badcfg', /process\.args/, async (b) => {
        const cfg = JSON.parse(await readFile(join(b, 'config.json'), 'utf8'));
        cfg.process.args = [];
        await writeFile(join(b, 'config.json'), JSON.stringify(cfg));
      });
      expect(err).toBeInstanceOf(InvalidArgument);
    });

    it('a seccomp filter is refused by a build without libseccomp, naming the fix', async () => {
      const init = await buildNative(join(scratch.dir, 'nosec'), false);
      expect(seccompBuiltIn(init)).toBe(false);
      const before = process.env.SHIPRUN_INIT;
      process.env.SHIPRUN_INIT = init;
      try {
        const err = await expectFailure('nosec', /linux\.seccomp: .*without libseccomp/, async (b) => {
          const cfg = JSON.parse(await readFile(join(b, 'config.json'), 'utf8'));
          cfg.linux.seccomp = { defaultAction: 'SCMP_ACT_ALLOW' };
          await writeFile(join(b, 'config.json'), JSON.stringify(cfg));
        });
        expect(err).toBeInstanceOf(InvalidArgument);
      } finally {
        if (before === undefined) delete process.env.SHIPRUN_INIT;
        else process.env.SHIPRUN_INIT = before;
      }
    });

    it('a config that is not JSON is refused', async () => {
      await expectFailure('notjson', /not valid JSON/, (b) =>
        writeFile(join(b, 'config.json'), '{"ociVersion":'),
      );
    });

    it('a missing rootfs is refused', async () => {
      await expectFailure('noroot', /root\.path.*not a directory/, (b) =>
        rm(join(b, 'rootfs'), { recursive: true }),
      );
    });

    it('an unknown namespace path is refused', async () => {
      await expectFailure(
        'nsnope',
        /linux\.namespaces\[0\]\.path/,
        async () => {},
        withNamespaces({ type: 'network', path: '/proc/999999999/ns/net' }, 'mount', 'pid'),
      );
    });

    it('a failing createRuntime hook undoes the create (process, cgroups, state)', async () => {
      await expectFailure(
        'hookfail',
        /createRuntime hook .* failed: exited with 3/,
        async () => {},
        withHook('createRuntime', { path: '/bin/busybox', args: ['busybox', 'sh', '-c', 'exit 3'] }),
      );
    });

    it('a mount that cannot be made fails the create with the mount named', async () => {
      await expectFailure('badmount', /mount .*\/nowhere/, async (b) => {
        const cfg = JSON.parse(await readFile(join(b, 'config.json'), 'utf8'));
        cfg.mounts.push({ destination: '/x', type: 'bind', source: '/nowhere', options: ['bind'] });
        await writeFile(join(b, 'config.json'), JSON.stringify(cfg));
      });
    });
  },
);
