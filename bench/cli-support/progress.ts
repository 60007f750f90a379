import type { Progress } from '../runner/types.js';

interface Out {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Progress on stderr: `bench: ENGINE ID warmup|measure DONE/TARGET`. On a terminal one line is rewritten
 * in place; otherwise a line is printed at most every `everyMs` per benchmark, and at each stage's end.
 */
export function progressPrinter(out: Out, o: { everyMs?: number; now?: () => number } = {}) {
  const every = o.everyMs ?? 2000;
  const clock = o.now ?? Date.now;
  const last = new Map<string, number>();
  return {
    progress(p: Progress & { engine: string }) {
      const text = `bench: ${p.engine} ${p.benchmark} ${p.stage} ${p.done}/${p.target}`;
      if (out.isTTY) {
        out.write(`\r\x1b[K${text}`);
        return;
      }
      const key = `${p.engine} ${p.benchmark} ${p.stage}`;
      const t = clock();
      if (p.done < p.target && t - (last.get(key) ?? -Infinity) < every) return;
      last.set(key, t);
      out.write(`${text}\n`);
    },
    event(line: string) {
      out.write(`${out.isTTY ? '\r\x1b[K' : ''}bench: ${line}\n`);
    },
  };
}
