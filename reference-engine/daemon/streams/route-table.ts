/** A matched route: its value and the `:name` segments of the path, decoded. */
export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

interface Entry<T> {
  method: string;
  pattern: string;
  segments: string[];
  value: T;
}

/**
 * A small method + path-pattern table for the few hijacked endpoints (`/containers/:id/attach`).
 * Paths are matched segment by segment; `:name` takes one non-empty segment.
 */
export class RouteTable<T> {
  private readonly entries: Entry<T>[] = [];

  add(method: string, pattern: string, value: T): this {
    this.entries.push({ method: method.toUpperCase(), pattern, segments: split(pattern), value });
    return this;
  }

  /** Every route, in the order added. */
  routes(): Array<{ method: string; pattern: string; value: T }> {
    return this.entries.map(({ method, pattern, value }) => ({ method, pattern, value }));
  }

  /** `path` without query string or version prefix. */
  match(method: string, path: string): RouteMatch<T> | undefined {
    const parts = split(path);
    for (const entry of this.entries) {
      if (entry.method !== method.toUpperCase() || entry.segments.length !== parts.length) continue;
      const params = matchSegments(entry.segments, parts);
      if (params) return { value: entry.value, params };
    }
    return undefined;
  }
}

const split = (path: string): string[] => path.split('/').filter((s) => s !== '');

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, seg] of pattern.entries()) {
    const part = parts[i] ?? '';
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}
