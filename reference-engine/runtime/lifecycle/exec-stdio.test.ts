import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isRoot, pollUntil } from '../../../core/engines/runtime-cli/test-helpers.js';
import { createContainer, spawnExec, startContainer, writeResize } from '../index.js';
import { NATIVE_BUILDABLE, PROBE } from '../testing/build-under-test.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { useScratchRoot } from '../testing/scratch-root.js';

const skip = !isRoot || !existsSync(PROBE) || !NATIVE_BUILDABLE;

/** Everything the stream gives, as it comes (read it with `text()`). */
function collect(stream: Readable | null): () => string {
  let text = '';
  stream?.on('data', (d: Buffer) => {
    text += d.toString();
  });
  return () => text;
}

describe.skipIf(skip)(
  'exec with pipes to this process, and with a relayed pty (needs root, build/probe)',
  () => {
    const scratch = useScratchRoot('shiprun-exec-');

    async function running(id: string): Promise<void> {
      const b = await probeBundle(scratch.dir, id, ['sleep', '60']);
      const c = await createContainer({ root: scratch.root, id, bundle: b.dir, stdio: 'ignore' });
      c.shim.unref();
      await startContainer(scratch.root, id);
    }

    it('pipes: stdin reaches the process, stdout and stderr come back apart, the process sees real pipes', async () => {
      await running('pipes');
      const cat = await spawnExec(scratch.root, 'pipes', {
        args: ['/bin/probe', 'cat'],
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out = collect(cat.shim.stdout);
      cat.shim.stdin?.end('hello\nworld');
      expect(await cat.exit).toBe(0);
      expect(await pollUntil(async () => out() === 'hello\nworld', 5000)).toBe(true);

      const fds = await spawnExec(scratch.root, 'pipes', {
        args: ['/bin/probe', 'sh', '-c', 'report fds; stderr oops; exit 6'],
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const report = collect(fds.shim.stdout);
      const err = collect(fds.shim.stderr);
      expect(await fds.exit).toBe(6);
      expect(await pollUntil(async () => err() === 'oops\n', 5000)).toBe(true);
      type Fd = { fd: number; target: string };
      const table = JSON.parse(report().split('\n')[0] ?? '{}').fds as Fd[];
      for (const n of [0, 1, 2]) expect(table.find((f) => f.fd === n)?.target).toMatch(/^pipe:/);
    });

    it('a terminal: the pty relayed to the pipes, resized through its FIFO, which goes with the process', async () => {
      await running('tty');
      const resizeFifo = join(scratch.dir, 'exec-resize');
      const sh = await spawnExec(scratch.root, 'tty', {
        args: ['/bin/probe', 'sh'],
        stdio: ['pipe', 'pipe', 'pipe'],
        terminal: { resizeFifo },
      });
      const out = collect(sh.shim.stdout);
      sh.shim.stdin?.write('report tty\n');
      expect(await pollUntil(async () => out().includes('"tty":{'), 5000)).toBe(true);
      expect(out()).toContain('"tty":{"stdin":true,"stdout":true,"stderr":true}');
      writeResize(resizeFifo, 40, 120);
      sh.shim.stdin?.write('winsize\n');
      expect(await pollUntil(async () => out().includes('{"rows":40,"cols":120}'), 5000)).toBe(true);
      sh.shim.stdin?.write('exit 7\n');
      expect(await sh.exit).toBe(7);
      expect(existsSync(resizeFifo)).toBe(false);
    });
  },
);
