import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerdCtr } from '../../../core/engines/containerd/client.js';
import { ctrCall } from '../../../core/engines/containerd/ctr-call.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { EngineError } from '../../../core/errors.js';
import { normalizeRef, splitRef } from '../../../fixtures/images/index.js';
import type { ImageEngine, LoadOutcome, ProbeRun } from './engine.js';
import { uniqueName } from './names.js';

const CALL_MS = 60_000;

/** containerd through ctr, in the engine's namespace or in a scratch one (`namespace`). */
export class ContainerdImageEngine implements ImageEngine {
  readonly family = 'containerd' as const;
  readonly name: string;
  readonly ctr: ContainerdCtr;

  constructor(engine: EngineDescription, opts: { namespace?: string } = {}) {
    this.name = engine.name;
    this.ctr = new ContainerdCtr(engine, { timeoutMs: CALL_MS, ...opts });
  }

  /** `ctr images import --base-name REPO`: docker-archives and OCI archives (named by their ref.name tag). */
  async load(tar: Buffer, ref: string): Promise<LoadOutcome> {
    const full = normalizeRef(ref);
    const baseName = full.slice(0, -(splitRef(ref).tag.length + 1));
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-oi-'));
    try {
      await writeFile(join(dir, 'image.tar'), tar);
      const args = ['images', 'import', '--base-name', baseName, join(dir, 'image.tar')];
      const r = await ctrCall(this.ctr.target, args, { allowFailure: true });
      if (r.exitCode === 0) return { ok: true, message: r.stdout };
      return { ok: false, status: r.exitCode, message: lastCtrLine(r.stderr) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async find(ref: string): Promise<string | undefined> {
    const full = normalizeRef(ref);
    return (await this.ctr.listImages()).some((i) => i.ref === full) ? full : undefined;
  }

  /** The config digest: the image's manifest (for linux, through an index) names it. */
  async configDigest(name: string): Promise<string> {
    const row = (await this.ctr.listImages()).find((i) => i.ref === name);
    if (!row) throw new EngineError(1, `image ${name} not found`, 'ctr images ls');
    let doc = JSON.parse(await this.blob(row.digest)) as Manifestish;
    for (let depth = 0; doc.manifests && depth < 4; depth++) {
      const pick = doc.manifests.find((m) => m.platform?.os === 'linux') ?? doc.manifests[0];
      if (!pick) break;
      doc = JSON.parse(await this.blob(pick.digest)) as Manifestish;
    }
    if (!doc.config) throw new EngineError(1, `no config in manifest of ${name}`, 'ctr content get');
    return doc.config.digest;
  }

  private async blob(digest: string): Promise<string> {
    return (await ctrCall(this.ctr.target, ['content', 'get', digest])).stdout;
  }

  async run(name: string, args: readonly string[]): Promise<ProbeRun> {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-oi-run-'));
    const id = uniqueName('run');
    try {
      const logFile = join(dir, 'out.log');
      const r = await this.ctr.run(id, name, ['/bin/probe', ...args], {
        rm: true,
        logFile,
        timeoutMs: CALL_MS,
      });
      return { exitCode: r.exitCode, stdout: await readFile(logFile, 'utf8').catch(() => '') };
    } finally {
      await this.ctr.delete(id, { force: true }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** `ctr images export FILE NAME...`: an OCI archive with a Docker manifest.json for this platform. */
  async save(names: readonly string[], file: string): Promise<void> {
    await ctrCall(this.ctr.target, ['images', 'export', file, ...names], { timeoutMs: CALL_MS });
  }

  async remove(ref: string): Promise<void> {
    await this.ctr.removeImage(normalizeRef(ref));
  }

  async alive(): Promise<boolean> {
    return this.ctr.version().then(
      () => true,
      () => false,
    );
  }

  /** Removes every image of the (scratch) namespace, then the namespace itself. */
  /**
   * Removes the scratch namespace. containerd drops content and leases of a failed import in the
   * background, so `namespaces rm` can briefly see it non-empty: retry within a bounded deadline.
   */
  async dropNamespace(): Promise<void> {
    for (const image of await this.ctr.listImages()) await this.ctr.removeImage(image.ref);
    const target = { ...this.ctr.target, namespace: 'default' };
    const deadline = Date.now() + 15_000;
    for (let attempt = 0; ; attempt++) {
      try {
        await ctrCall(target, ['namespaces', 'rm', this.ctr.namespace]);
        return;
      } catch (err) {
        const notEmpty = err instanceof Error && /must be empty/.test(err.message);
        if (!notEmpty || attempt >= 50 || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  async close(): Promise<void> {}
}

interface Manifestish {
  manifests?: { digest: string; platform?: { os?: string } }[];
  config?: { digest: string };
}

function lastCtrLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.filter((l) => l.startsWith('ctr: ')).pop() ?? lines.pop() ?? 'no message';
}
