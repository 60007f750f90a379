import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import type { BundleOption } from '../../../core/engines/runtime-cli/bundle.js';
import { deleteContainer, runContainer } from '../index.js';
import { buildNative } from './build-under-test.js';
import { probeBundle } from './probe-bundle.js';

/** A foreground probe run: its exit status, its output and the first output line parsed ({} if none). */
export interface ProbeRun {
  code: number;
  text: string;
  /** Free-form JSON, typed as JSON.parse returns it, so tests can reach into any probe report. */
  report: ReturnType<typeof JSON.parse>;
}

/**
 * A fresh scratch dir and shiprun state root (DIR/state) for each test of an in-process lifecycle suite.
 * Lifecycle: call `useScratchRoot(prefix)` in a describe body; beforeAll builds the native helper,
 * beforeEach makes the dir, afterEach force-deletes every container left under the root and removes
 * the dir. Read `dir` and `root` only inside tests.
 */
export interface ScratchRoot {
  readonly dir: string;
  readonly root: string;
  /** Runs `probe ARGS...` in the foreground with stdout and stderr to DIR/ID.out. */
  runProbe(id: string, args: string[], ...opts: BundleOption[]): Promise<ProbeRun>;
}

export function useScratchRoot(prefix: string): ScratchRoot {
  let dir = '';
  let root = '';
  beforeAll(async () => {
    await buildNative();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    root = join(dir, 'state');
  });
  afterEach(async () => {
    for (const id of await readdir(root).catch(() => [] as string[]))
      await deleteContainer(root, id, { force: true }).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get root() {
      return root;
    },
    async runProbe(id, args, ...opts) {
      const b = await probeBundle(dir, id, args, ...opts);
      const out = await open(join(dir, `${id}.out`), 'w');
      try {
        const code = await runContainer({ root, id, bundle: b.dir, stdio: ['ignore', out.fd, out.fd] });
        const text = await readFile(join(dir, `${id}.out`), 'utf8');
        return { code, text, report: text.trim() ? JSON.parse(text.trim().split('\n')[0] ?? '{}') : {} };
      } finally {
        await out.close();
      }
    },
  };
}
