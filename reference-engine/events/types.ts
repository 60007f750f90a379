/**
 * The daemon's event bus: every engine part publishes what happened, GET /events replays the past from a
 * bounded ring buffer (since/until) and then follows live messages. Shapes follow dockerd 20.10's
 * `events.Message` (Type, Action, Actor, scope, time, timeNano, plus the old status/id/from for
 * containers and images).
 *
 *   const bus = new MemoryEventBus();                                   // events/memory-event-bus.ts
 *   bus.publish({ type: 'container', action: 'start', id, attributes: { name: 'web', image: 'busybox' } });
 *   const past = bus.history({ since: sinceNs, until: untilNs });      // oldest first
 *   const stop = bus.subscribe((msg) => write(msg));                  // live; call stop() on disconnect
 */
export type EventType =
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'daemon'
  | 'plugin'
  | 'node'
  | 'service'
  | 'secret'
  | 'config';

export interface EventMessage {
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local' | 'swarm';
  /** Seconds since the epoch. */
  time: number;
  /** Nanoseconds since the epoch (exact within a bigint; the JSON number loses the last digits as dockerd's does not). */
  timeNano: number;
  /** Deprecated fields dockerd still sends for container and image events. */
  status?: string;
  id?: string;
  from?: string;
}

export interface PublishRequest {
  type: EventType;
  action: string;
  id: string;
  attributes?: Record<string, string>;
}

export interface HistoryRange {
  /** Nanoseconds since the epoch, inclusive; omitted = from the oldest kept. */
  since?: bigint;
  /** Nanoseconds since the epoch, inclusive; omitted = up to now. */
  until?: bigint;
}

export interface EventBus {
  /** Stamps the time, keeps the message in the ring buffer and hands it to every subscriber. */
  publish(req: PublishRequest): EventMessage;
  /** Kept messages within the range, oldest first. */
  history(range?: HistoryRange): EventMessage[];
  /** Live messages from now on; returns the unsubscribe function. */
  subscribe(listener: (msg: EventMessage) => void): () => void;
}
