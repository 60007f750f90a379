import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from './memory-event-bus.js';

/** A clock the test moves by hand (nanoseconds). */
function clock(start = 1_000_000_000_000_000_000n) {
  let now = start;
  return { now: () => now, set: (ns: bigint) => (now = ns) };
}

describe('MemoryEventBus', () => {
  it('stamps messages as dockerd does, with the old fields for containers', () => {
    const c = clock(1_700_000_000_123_456_789n);
    const bus = new MemoryEventBus(8, c.now);
    const msg = bus.publish({
      type: 'container',
      action: 'start',
      id: 'abc',
      attributes: { image: 'busybox', name: 'web' },
    });
    expect(msg).toMatchObject({
      Type: 'container',
      Action: 'start',
      Actor: { ID: 'abc', Attributes: { image: 'busybox', name: 'web' } },
      scope: 'local',
      time: 1_700_000_000,
      status: 'start',
      id: 'abc',
      from: 'busybox',
    });
    expect(bus.publish({ type: 'volume', action: 'create', id: 'v' })).not.toHaveProperty('status');
  });

  it('keeps the last `capacity` messages, oldest first, and filters by since/until', () => {
    const c = clock(1000n);
    const bus = new MemoryEventBus(3, c.now);
    for (let i = 1; i <= 5; i++) {
      c.set(BigInt(i) * 1000n);
      bus.publish({ type: 'container', action: `a${i}`, id: 'x' });
    }
    expect(bus.history().map((m) => m.Action)).toEqual(['a3', 'a4', 'a5']);
    expect(bus.history({ since: 4000n }).map((m) => m.Action)).toEqual(['a4', 'a5']);
    expect(bus.history({ until: 4000n }).map((m) => m.Action)).toEqual(['a3', 'a4']);
    expect(bus.history({ since: 4001n, until: 4999n })).toEqual([]);
  });

  it('keeps stamps strictly increasing when the clock stalls or steps back', () => {
    const c = clock(5000n);
    const bus = new MemoryEventBus(8, c.now);
    const a = bus.publish({ type: 'container', action: 'a', id: 'x' });
    c.set(4000n);
    const b = bus.publish({ type: 'container', action: 'b', id: 'x' });
    expect(b.timeNano).toBeGreaterThan(a.timeNano);
    expect(bus.history({ since: 5001n }).map((m) => m.Action)).toEqual(['b']);
  });

  it('hands live messages to subscribers until they unsubscribe; a throwing one does not stop the others', () => {
    const bus = new MemoryEventBus();
    const seen: string[] = [];
    const stopBad = bus.subscribe(() => {
      throw new Error('broken');
    });
    const stop = bus.subscribe((m) => seen.push(m.Action));
    bus.publish({ type: 'image', action: 'tag', id: 'i' });
    stop();
    stopBad();
    bus.publish({ type: 'image', action: 'untag', id: 'i' });
    expect(seen).toEqual(['tag']);
  });
});
