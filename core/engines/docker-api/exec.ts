import type { ExecCreateRequest, ExecInspect } from '../../../spec/docker-api/exec.js';
import { pollFor } from '../../wait-for.js';
import { type CallOptions, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import type { CollectedOutput } from './demux.js';
import { type HijackedSession, hijackedSession } from './session.js';

export interface ExecStartOptions extends CallOptions {
  /** Must match the Tty given at create; looked up with inspect when not given. */
  readonly tty?: boolean;
  readonly streamTimeoutMs?: number;
}

export interface ExecRunResult extends CollectedOutput {
  readonly exitCode: number | null;
}

/**
 * Exec calls. Lifecycle: `create(container, { Cmd, AttachStdout: true, ... })` → `start(id)` gives a
 * hijacked session (or `startDetached(id)`) → read the output to its end → `inspect(id).ExitCode`.
 */
export class ExecCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    this.#core = core;
  }

  create(containerId: string, config: ExecCreateRequest, opts: CallOptions = {}): Promise<{ Id: string }> {
    return this.#core.json('POST', `/containers/${seg(containerId)}/exec`, { ...opts, body: config });
  }

  async start(execId: string, opts: ExecStartOptions = {}): Promise<HijackedSession> {
    const tty = opts.tty ?? (await this.inspect(execId, opts)).ProcessConfig?.tty === true;
    const conn = await this.#core.hijack('POST', `/exec/${seg(execId)}/start`, {
      ...opts,
      body: { Detach: false, Tty: tty },
    });
    return hijackedSession(conn, tty);
  }

  async startDetached(execId: string, opts: CallOptions & { tty?: boolean } = {}): Promise<void> {
    await this.#core.call('POST', `/exec/${seg(execId)}/start`, {
      ...opts,
      body: { Detach: true, Tty: opts.tty },
    });
  }

  inspect(execId: string, opts: CallOptions = {}): Promise<ExecInspect> {
    return this.#core.json('GET', `/exec/${seg(execId)}/json`, opts);
  }

  /** create + start + collect output + inspect: run `cmd` in the container to completion. */
  async run(
    containerId: string,
    cmd: readonly string[],
    opts: ExecStartOptions = {},
  ): Promise<ExecRunResult> {
    const tty = opts.tty ?? false;
    const config = { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: tty };
    const { Id } = await this.create(containerId, config, opts);
    const session = await this.start(Id, { ...opts, tty });
    try {
      const output = await session.collect();
      return { ...output, exitCode: await this.#exitCode(Id, opts) };
    } finally {
      session.close();
    }
  }

  /** The exit code once the engine has recorded it (it may lag the end of output by a moment). */
  async #exitCode(execId: string, opts: CallOptions): Promise<number | null> {
    let last: ExecInspect | undefined;
    await pollFor(
      async () => {
        last = await this.inspect(execId, opts);
        return last.Running !== true;
      },
      {
        timeoutMs: 5_000,
        intervalMs: 10,
        maxIntervalMs: 200,
        describe: `exec ${execId} to end`,
        retry: () => false,
      },
    );
    return last?.ExitCode ?? null;
  }
}
