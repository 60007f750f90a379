import type { ContainerWaitResponse } from '../daemon/wire/containers.js';
import type { WaitCondition } from './types.js';

interface Waiter {
  condition: WaitCondition;
  resolve: (r: ContainerWaitResponse) => void;
}

/** Pending waits per container: exits settle not-running and next-exit, removal settles all. */
export class Waiters {
  private readonly byId = new Map<string, Set<Waiter>>();
  private readonly failedStarts = new Map<string, Set<() => void>>();

  /**
   * Resolves at the container's next failed start (or its removal). dockerd ends the attach sessions
   * then, while API waits go on (a failed start is no exit).
   */
  nextStartFailure(id: string, abort?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const set = this.failedStarts.get(id) ?? new Set();
      set.add(resolve);
      this.failedStarts.set(id, set);
      abort?.addEventListener(
        'abort',
        () => {
          set.delete(resolve);
          if (set.size === 0) this.failedStarts.delete(id);
          reject(abort.reason ?? new Error('wait aborted'));
        },
        { once: true },
      );
    });
  }

  /** A start of the container failed: wakes nextStartFailure. */
  startFailed(id: string): void {
    const set = this.failedStarts.get(id);
    this.failedStarts.delete(id);
    for (const wake of set ?? []) wake();
  }

  add(id: string, condition: WaitCondition, abort?: AbortSignal): Promise<ContainerWaitResponse> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { condition, resolve };
      const set = this.byId.get(id) ?? new Set();
      set.add(waiter);
      this.byId.set(id, set);
      abort?.addEventListener(
        'abort',
        () => {
          set.delete(waiter);
          reject(abort.reason ?? new Error('wait aborted'));
        },
        { once: true },
      );
    });
  }

  private settle(id: string, result: ContainerWaitResponse, which: (c: WaitCondition) => boolean): void {
    const set = this.byId.get(id);
    if (!set) return;
    for (const w of [...set]) {
      if (!which(w.condition)) continue;
      set.delete(w);
      w.resolve(result);
    }
    if (set.size === 0) this.byId.delete(id);
  }

  /** The container exited (or went to restarting): wakes not-running and next-exit waits. */
  exited(id: string, result: ContainerWaitResponse): void {
    this.settle(id, result, (c) => c !== 'removed');
  }

  /** The container is gone: every wait ends. */
  removed(id: string, result: ContainerWaitResponse): void {
    this.settle(id, result, () => true);
    this.startFailed(id);
  }
}
