import { Transform } from 'node:stream';

/** Reads the whole body, parses it as JSON, and sends `fn`'s result instead (unparsable bodies pass). */
export function rewriteJson(fn: (doc: unknown) => unknown): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
    flush(done) {
      const text = Buffer.concat(chunks).toString('utf8');
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return done(null, text);
      }
      done(null, `${JSON.stringify(fn(doc))}\n`);
    },
  });
}

/** Passes newline-delimited JSON (an event stream) on line by line, dropping lines `drop` accepts. */
export function dropJsonLines(drop: (doc: unknown) => boolean): Transform {
  let rest = '';
  const keep = (line: string): boolean => {
    try {
      return !drop(JSON.parse(line));
    } catch {
      return true;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      const out = lines.filter(keep).map((l) => `${l}\n`);
      done(null, out.length ? out.join('') : undefined);
    },
    flush(done) {
      done(null, rest && keep(rest) ? rest : undefined);
    },
  });
}

const isFrameHead = (b: Buffer): boolean => (b[0] ?? 9) <= 2 && b[1] === 0 && b[2] === 0 && b[3] === 0;

/**
 * Rewrites the stream type byte of multiplexed frames (8-byte header: type, 0, 0, 0, uint32 BE size)
 * from `from` to `to`. A body that does not start with a frame header (a TTY stream) passes unchanged.
 */
export function relabelFrames(from: number, to: number): Transform {
  let mode: 'unknown' | 'frames' | 'raw' = 'unknown';
  let pending: Buffer = Buffer.alloc(0);
  let payloadLeft = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (mode === 'raw') return done(null, chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const out: Buffer[] = [];
      for (let guard = 0; guard < 1_000_000 && pending.length > 0; guard++) {
        if (payloadLeft > 0) {
          const n = Math.min(payloadLeft, pending.length);
          out.push(pending.subarray(0, n));
          pending = pending.subarray(n);
          payloadLeft -= n;
          continue;
        }
        if (pending.length < 8) break;
        if (mode === 'unknown') mode = isFrameHead(pending) ? 'frames' : 'raw';
        if (mode === 'raw') {
          out.push(pending);
          pending = Buffer.alloc(0);
          break;
        }
        const head = Buffer.from(pending.subarray(0, 8));
        if (head[0] === from) head[0] = to;
        payloadLeft = head.readUInt32BE(4);
        out.push(head);
        pending = pending.subarray(8);
      }
      done(null, out.length ? Buffer.concat(out) : undefined);
    },
    flush(done) {
      done(null, pending.length ? pending : undefined);
    },
  });
}
