import { InvalidArgument } from '../../errors.js';
import type { EventMessage } from '../../events/types.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { filtersParam, param } from '../http/query.js';
import { eventFilter } from '../system/event-filter.js';
import { nowNanos, parseEventTime } from '../system/timestamps.js';

/**
 * GET /events: newline-delimited JSON. The kept messages from `since` come first, then live ones until
 * `until` (a past `until` ends the stream after the replay) or until the client goes.
 */
export function registerSystemEvents(app: Routes, ctx: DaemonContext): void {
  app.get('/events', async (req, reply) => {
    const now = nowNanos();
    const since = parseEventTime(param(req.query, 'since'), now);
    const until = parseEventTime(param(req.query, 'until'), now);
    if (since !== undefined && until !== undefined && since > until)
      throw new InvalidArgument(
        `\`since\` time (${param(req.query, 'since')}) cannot be after \`until\` time (${param(req.query, 'until')})`,
      );
    const include = eventFilter(filtersParam(req.query));
    const inRange = (msg: EventMessage) => {
      const ns = BigInt(msg.timeNano);
      return (since === undefined || ns >= since) && (until === undefined || ns <= until);
    };
    const res = reply.hijack();
    res.writeHead(200, { 'Content-Type': 'application/json' }); // with the edge's headers, set already
    res.flushHeaders(); // as dockerd: the client has its 200 before any event
    const write = (msg: EventMessage) => {
      if (include(msg) && inRange(msg)) res.write(`${JSON.stringify(msg)}\n`);
    };
    const pending: EventMessage[] = [];
    let live = false;
    const stop = ctx.events.subscribe((msg) => (live ? write(msg) : pending.push(msg)));
    const replayed = new Set<EventMessage>();
    // As dockerd: the buffer is replayed when either bound is given.
    if (since !== undefined || until !== undefined)
      for (const msg of ctx.events.history({
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
      })) {
        replayed.add(msg);
        write(msg);
      }
    for (const msg of pending) if (!replayed.has(msg)) write(msg);
    live = true;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(timer);
      res.end();
    };
    const left = until === undefined ? undefined : Number((until - nowNanos()) / 1_000_000n);
    const timer = left === undefined ? undefined : setTimeout(finish, Math.max(0, left));
    if (left !== undefined && left <= 0) finish();
    res.on('close', finish);
  });
}
