import { InvalidArgument } from '../../errors.js';
import { formatTimestampNs, parseLogTimeParam } from '../../logs/log-time.js';
import { readLog } from '../../logs/read-log.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam, param } from '../http/query.js';
import { OutputWriter } from '../streams/output-writer.js';

/** dockerd's `tail`: a count, or everything for `all`, a negative or an unreadable value. */
function tailParam(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n < 0 ? undefined : n;
}

/**
 * GET /containers/{id}/logs: the json-file log the shim writes, multiplexed unless the container has
 * a TTY, with no Content-Type (as dockerd). `follow` keeps reading until the container stops (at
 * once when it is not running) or the client goes.
 */
export function registerContainersLogs(app: Routes, ctx: DaemonContext): void {
  app.get('/containers/:id/logs', async (req, reply) => {
    const { id } = req.params;
    const record = ctx.containers.get(id);
    const q = req.query;
    const stdout = boolParam(q, 'stdout');
    const stderr = boolParam(q, 'stderr');
    if (!stdout && !stderr) throw new InvalidArgument('Bad parameters: you must choose at least one stream');
    const since = parseLogTimeParam('since', param(q, 'since'));
    const until = parseLogTimeParam('until', param(q, 'until'));
    const tail = tailParam(param(q, 'tail'));
    const timestamps = boolParam(q, 'timestamps');
    const controller = new AbortController();
    const running = record.state.status === 'running' || record.state.status === 'paused';
    const done = running
      ? ctx.containers.wait(record.id, 'not-running', controller.signal)
      : Promise.resolve();
    done.catch(() => {});
    const follow = boolParam(q, 'follow') ? { done, signal: controller.signal } : undefined;
    const res = reply.hijack();
    res.on('close', () => controller.abort());
    res.writeHead(200); // the edge's headers, no Content-Type
    const out = new OutputWriter(res, record.config.Tty !== true);
    try {
      const entries = readLog(ctx.containers.logPath(record.id), {
        stdout,
        stderr,
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
        ...(tail !== undefined && { tail }),
        ...(follow && { follow }),
      });
      for await (const e of entries) {
        const data = timestamps
          ? Buffer.concat([Buffer.from(`${formatTimestampNs(e.timeNs)} `), e.log])
          : e.log;
        await out.write(e.stream, data);
        if (out.closed) break;
      }
    } catch (err) {
      await out.error(err instanceof Error ? err.message : String(err));
    } finally {
      controller.abort();
      res.end();
    }
  });
}
