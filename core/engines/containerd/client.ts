import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { SignalSpec } from '../runtime-cli/signal.js';
import type { EngineEndpoint } from '../types.js';
import { namespaceOf, socketPath } from './address.js';
import {
  type CtrContainer,
  type CtrRunOptions,
  type CtrRunResult,
  createContainer,
  deleteContainer,
  type EnvSpec,
  listContainers,
  runContainer,
} from './containers.js';
import { type CtrTarget, ctrCall } from './ctr-call.js';
import { DEFAULT_TIMEOUT_MS } from './describe.js';
import { type CtrImage, type ImportOptions, importImage, listImages, removeImage } from './images.js';
import { type CtrTask, killTask, listTasks, startTask, waitTask } from './tasks.js';
import { type CtrVersion, parseCtrVersion } from './version.js';

type Call = { timeoutMs?: number };

/**
 * containerd through `ctr -a SOCKET -n NAMESPACE` (namespace 'shipshape' unless the endpoint names one).
 * Lifecycle: importImage -> run (foreground or detached) or createContainer + startTask -> killTask /
 * waitTask -> deleteContainer -> removeImage. Every call is bounded by its timeout (default 30 s).
 */
export class ContainerdCtr {
  readonly target: CtrTarget;

  constructor(endpoint: EngineEndpoint, opts?: { timeoutMs?: number; ctrPath?: string; namespace?: string }) {
    this.target = {
      ctrPath: opts?.ctrPath ?? 'ctr',
      socket: socketPath(endpoint.address),
      namespace: opts?.namespace ?? namespaceOf(endpoint),
      timeoutMs: opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  }

  get namespace(): string {
    return this.target.namespace;
  }

  async version(opts?: Call): Promise<CtrVersion> {
    return parseCtrVersion((await ctrCall(this.target, ['version'], opts)).stdout);
  }

  importImage(source: string | Uint8Array | Readable, opts?: ImportOptions): Promise<string[]> {
    return importImage(this.target, source, opts);
  }

  listImages(opts?: Call): Promise<CtrImage[]> {
    return listImages(this.target, opts);
  }

  removeImage(ref: string, opts?: Call): Promise<boolean> {
    return removeImage(this.target, ref, opts);
  }

  run(id: string, image: string, args: readonly string[], opts?: CtrRunOptions): Promise<CtrRunResult> {
    return runContainer(this.target, id, image, args, opts);
  }

  createContainer(id: string, image: string, args: readonly string[], opts?: Call & { env?: EnvSpec }) {
    return createContainer(this.target, id, image, args, opts);
  }

  startTask(id: string, opts?: Call & { logFile?: string }): Promise<void> {
    return startTask(this.target, id, opts);
  }

  kill(id: string, signal?: SignalSpec, opts?: Call & { all?: boolean }): Promise<void> {
    return killTask(this.target, id, signal, opts);
  }

  wait(id: string, opts?: Call & { intervalMs?: number }): Promise<{ exitCode: number }> {
    return waitTask(this.target, id, opts);
  }

  delete(id: string, opts?: Call & { force?: boolean }): Promise<void> {
    return deleteContainer(this.target, id, opts);
  }

  listContainers(opts?: Call): Promise<CtrContainer[]> {
    return listContainers(this.target, opts);
  }

  listTasks(opts?: Call): Promise<CtrTask[]> {
    return listTasks(this.target, opts);
  }

  /** What a task wrote to the log file given to run/startTask ('' before it wrote anything). */
  async logs(logFile: string): Promise<string> {
    return readFile(logFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
  }
}
