import type { EventBus, EventMessage, HistoryRange, PublishRequest } from './types.js';

/** dockerd keeps the last 1024 events for since/until. */
export const DEFAULT_EVENT_CAPACITY = 1024;

interface Kept {
  nanos: bigint;
  msg: EventMessage;
}

/** An EventBus in memory with a ring buffer of the last `capacity` messages. */
export class MemoryEventBus implements EventBus {
  private readonly ring: Kept[] = [];
  private next = 0;
  private lastNanos = 0n;
  private readonly listeners = new Set<(msg: EventMessage) => void>();

  constructor(
    private readonly capacity = DEFAULT_EVENT_CAPACITY,
    private readonly clock: () => bigint = nowNanos,
  ) {}

  publish(req: PublishRequest): EventMessage {
    // Strictly increasing stamps keep the buffer ordered even when the clock stalls or steps back.
    const now = this.clock();
    const nanos = now > this.lastNanos ? now : this.lastNanos + 1n;
    this.lastNanos = nanos;
    const msg = messageOf(req, nanos);
    const kept = { nanos, msg };
    if (this.ring.length < this.capacity) this.ring.push(kept);
    else this.ring[this.next] = kept;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of [...this.listeners]) {
      try {
        listener(msg);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
    return msg;
  }

  history(range: HistoryRange = {}): EventMessage[] {
    const ordered =
      this.ring.length < this.capacity
        ? this.ring
        : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered
      .filter(
        (k) =>
          (range.since === undefined || k.nanos >= range.since) &&
          (range.until === undefined || k.nanos <= range.until),
      )
      .map((k) => k.msg);
  }

  subscribe(listener: (msg: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}

function messageOf(req: PublishRequest, nanos: bigint): EventMessage {
  const attributes = { ...(req.attributes ?? {}) };
  const msg: EventMessage = {
    Type: req.type,
    Action: req.action,
    Actor: { ID: req.id, Attributes: attributes },
    scope: 'local',
    time: Number(nanos / 1_000_000_000n),
    timeNano: Number(nanos),
  };
  if (req.type === 'container' || req.type === 'image') {
    msg.status = req.action;
    msg.id = req.id;
    if (attributes.image !== undefined) msg.from = attributes.image;
  }
  return msg;
}
