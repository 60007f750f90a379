import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type BundleOption,
  withHook,
  withNamespaces,
  withTerminal,
} from '../../../core/engines/runtime-cli/bundle.js';
import { isRoot, pollUntil } from '../../../core/engines/runtime-cli/test-helpers.js';

const run = promisify(execFile);

import type { OciConfig } from '../config/oci-config.js';
import { createContainer, deleteContainer, startContainer } from '../index.js';
import { NATIVE_BUILDABLE, PROBE, SECCOMP_BUILDABLE } from '../testing/build-under-test.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { useScratchRoot } from '../testing/scratch-root.js';

const skip = !isRoot || !existsSync(PROBE) || !existsSync('/bin/busybox') || !NATIVE_BUILDABLE;
const edit =
  (f: (c: OciConfig) => void): BundleOption =>
  (c) =>
    f(c as unknown as OciConfig);

describe.skipIf(skip)(
  'hooks, seccomp, user namespaces, joined namespaces (needs root, probe, busybox, libseccomp-dev)',
  () => {
    const scratch = useScratchRoot('shiprun-adv-');
    const { runProbe } = scratch;

    it('runs every hook kind in order with the state on stdin, container-side ones in the container', async () => {
      const log = join(scratch.dir, 'hooks.log');
      const rec = (kind: string): BundleOption =>
        withHook(kind as 'prestart', {
          path: '/bin/busybox',
          args: [
            'busybox',
            'sh',
            '-c',
            `echo "${kind} $(busybox readlink /proc/self/ns/mnt) $(busybox cat)" >> ${log}`,
          ],
        });
      const started = withHook('startContainer', {
        path: '/bin/probe',
        args: ['probe', 'write', '/tmp/started', 'yes'],
      });
      const kinds = ['prestart', 'createRuntime', 'createContainer', 'poststart', 'poststop'];
      const b = await probeBundle(scratch.dir, 'hooks', ['exit', '0'], ...kinds.map(rec), started);
      const c = await createContainer({ root: scratch.root, id: 'hooks', bundle: b.dir, stdio: 'ignore' });
      c.shim.unref();
      await startContainer(scratch.root, 'hooks');
      await deleteContainer(scratch.root, 'hooks', { force: true });
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      expect(lines.map((l) => l.split(' ')[0])).toEqual(kinds);
      const hostMnt = `mnt:[${statSync('/proc/self/ns/mnt').ino}]`;
      const byKind = Object.fromEntries(lines.map((l) => [l.split(' ')[0], l.split(' ')]));
      expect(byKind.createRuntime?.[1]).toBe(hostMnt);
      expect(byKind.createContainer?.[1]).not.toBe(hostMnt);
      const state = JSON.parse(byKind.createContainer?.slice(2).join(' ') ?? '{}');
      // container-side hooks see the pid from inside the container's pid namespace (as runc's do)
      expect(state).toMatchObject({ id: 'hooks', status: 'creating', pid: 1, bundle: b.dir });
      const runtimeSide = JSON.parse(byKind.createRuntime?.slice(2).join(' ') ?? '{}');
      expect(runtimeSide).toMatchObject({ id: 'hooks', pid: c.pid });
      expect(await readFile(join(b.rootfs, 'tmp', 'started'), 'utf8')).toBe('yes');
    });

    it('a failing startContainer hook fails start and the program never runs', async () => {
      const hook = withHook('startContainer', { path: '/bin/probe', args: ['probe', 'exit', '4'] });
      const b = await probeBundle(scratch.dir, 'sfail', ['write', '/tmp/ran', 'yes'], hook);
      const c = await createContainer({ root: scratch.root, id: 'sfail', bundle: b.dir, stdio: 'ignore' });
      c.shim.unref();
      await expect(startContainer(scratch.root, 'sfail')).rejects.toThrow(
        /startContainer hook \/bin\/probe failed: exited with 4/,
      );
      expect(existsSync(join(b.rootfs, 'tmp', 'ran'))).toBe(false);
    });

    it.skipIf(!SECCOMP_BUILDABLE)(
      'seccomp: a rule returns its errno, the default allows (libseccomp-dev)',
      async () => {
        const seccomp = edit((c) => {
          c.linux = {
            ...c.linux,
            seccomp: {
              defaultAction: 'SCMP_ACT_ALLOW',
              architectures: ['SCMP_ARCH_X86_64'],
              syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
            },
          };
        });
        const r = await runProbe('sec', ['mkdir', '/tmp/nope'], seccomp);
        expect(r.code).toBe(1);
        expect(r.report.error).toBe('EACCES');
        const filtered = await runProbe('sec2', ['report', 'seccomp'], seccomp);
        expect(filtered.report.seccomp.mode).toBe(2);
      },
    );

    it('user namespace: root inside is mapped to an unprivileged host uid', async () => {
      await chmod(scratch.dir, 0o755); // the mapped root must reach the rootfs
      const userns = edit((c) => {
        c.linux = {
          ...c.linux,
          namespaces: [...(c.linux?.namespaces ?? []), { type: 'user' }],
          uidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
          gidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
        };
      });
      const r = await runProbe('userns', ['read', '/proc/self/uid_map'], userns);
      expect(r.code).toBe(0);
      expect(r.report.content.trim().split(/\s+/)).toEqual(['0', '100000', '65536']);
    });

    it('terminal: the pty master goes to the console socket, the program writes to the slave', async () => {
      const receiver = join(scratch.dir, 'console-receiver');
      const src = join(import.meta.dirname, '../../../suites/oci-runtime/console-receiver.c');
      await run('cc', ['-O2', '-o', receiver, src]);
      const socket = join(scratch.dir, 'console.sock');
      const rx = spawn(receiver, [socket], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      rx.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const exited = new Promise((r) => rx.once('exit', r));
      expect(await pollUntil(async () => out.includes('listening'), 5000)).toBe(true);
      const b = await probeBundle(
        scratch.dir,
        'tty',
        ['report', 'tty'],
        withTerminal(true, { height: 33, width: 101 }),
      );
      const c = await createContainer({
        root: scratch.root,
        id: 'tty',
        bundle: b.dir,
        stdio: 'ignore',
        consoleSocket: socket,
      });
      c.shim.unref();
      await startContainer(scratch.root, 'tty');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      rx.kill();
      expect(out).toContain('"received":true,"rows":33,"cols":101');
      expect(out).toContain('"tty":{"stdin":true,"stdout":true,"stderr":true}');
    });

    it('terminal without a console socket is refused before anything is made', async () => {
      const b = await probeBundle(scratch.dir, 'nosock', ['exit', '0'], withTerminal(true));
      await expect(createContainer({ root: scratch.root, id: 'nosock', bundle: b.dir })).rejects.toThrow(
        /process\.terminal/,
      );
      expect(existsSync(join(scratch.root, 'nosock'))).toBe(false);
    });

    it('joins a namespace by path: two containers share one network namespace', async () => {
      const first = await probeBundle(scratch.dir, 'netA', ['sleep', '30']);
      const a = await createContainer({ root: scratch.root, id: 'netA', bundle: first.dir, stdio: 'ignore' });
      a.shim.unref();
      const join_ = withNamespaces(
        { type: 'network', path: `/proc/${a.pid}/ns/net` },
        'pid',
        'mount',
        'uts',
        'ipc',
      );
      const r = await runProbe('netB', ['report', 'namespaces'], join_);
      expect(r.report.namespaces.net).toBe(statSync(`/proc/${a.pid}/ns/net`).ino);
    });
  },
);
