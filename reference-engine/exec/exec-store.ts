import { randomBytes } from 'node:crypto';
import { NotFound } from '../errors.js';
import type { ExecRecord, ExecSettings } from './types.js';

/** Finished execs kept per container (the oldest finished ones go first). */
const KEEP_FINISHED = 256;

/**
 * The exec instances of the daemon, in memory (an exec does not outlive shipd, as in Docker).
 *
 *   const exec = store.create(containerId, settings);   // POST /containers/{id}/exec
 *   store.get(exec.id);                                 // start, inspect, resize (NotFound otherwise)
 *   store.idsOf(containerId);                           // the container's ExecIDs (unfinished)
 *   store.forget(containerId);                          // the container is gone
 */
export class ExecStore {
  private readonly execs = new Map<string, ExecRecord>();

  create(containerId: string, settings: ExecSettings): ExecRecord {
    const record: ExecRecord = {
      id: randomBytes(32).toString('hex'),
      containerId,
      settings,
      status: 'created',
      started: false,
      pid: 0,
      exitCode: null,
    };
    this.execs.set(record.id, record);
    this.trim(containerId);
    return record;
  }

  get(id: string): ExecRecord {
    const record = this.execs.get(id);
    if (!record) throw new NotFound(`No such exec instance: ${id}`);
    return record;
  }

  /** The container's ExecIDs: execs not yet finished (dockerd drops an exec from the list at its exit). */
  idsOf(containerId: string): string[] {
    return [...this.execs.values()]
      .filter((e) => e.containerId === containerId && e.status !== 'exited')
      .map((e) => e.id);
  }

  forget(containerId: string): void {
    for (const [id, e] of this.execs) if (e.containerId === containerId) this.execs.delete(id);
  }

  private trim(containerId: string): void {
    const finished = [...this.execs.values()].filter(
      (e) => e.containerId === containerId && e.status === 'exited',
    );
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.execs.delete(e.id);
  }
}
