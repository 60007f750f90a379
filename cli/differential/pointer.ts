// JSON pointers (RFC 6901) for report paths, and the patterns that select paths for comparison rules.

export type Segment = string | number;

const escapeSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** `['Mounts', 0, 'Destination']` → `/Mounts/0/Destination`; `[]` → `` (the whole document). */
export const toPointer = (path: readonly Segment[]): string =>
  path.map((s) => `/${escapeSegment(String(s))}`).join('');

/** `/Mounts/*\/Destination` → its segments; `` → none. */
export const parsePattern = (pattern: string): string[] =>
  pattern === '' ? [] : pattern.replace(/^\//, '').split('/').map(unescapeSegment);

/** Whole-path match: `*` is one segment, `**` any number (zero included). */
export function matches(pattern: readonly string[], path: readonly Segment[], p = 0, s = 0): boolean {
  if (p === pattern.length) return s === path.length;
  const head = pattern[p];
  if (head === '**') {
    for (let k = s; k <= path.length; k++) if (matches(pattern, path, p + 1, k)) return true;
    return false;
  }
  if (s === path.length) return false;
  return (head === '*' || head === String(path[s])) && matches(pattern, path, p + 1, s + 1);
}

/** True when some pattern matches the path or one of its prefixes (a pattern covers its subtree). */
export function covered(patterns: readonly (readonly string[])[], path: readonly Segment[]): boolean {
  for (let n = 0; n <= path.length; n++) {
    const prefix = path.slice(0, n);
    if (patterns.some((p) => matches(p, prefix))) return true;
  }
  return false;
}
