/**
 * `--only PATTERN`: which benchmark ids a run keeps. A pattern is a glob over the slash-separated id:
 * `*` matches within one segment, `**` across segments, `?` one character, `{a,b}` either. It selects an
 * id when it matches the whole id or a leading run of its segments (`startup` and `extract/large-files`
 * select everything under them).
 */
import { editDistance as distance } from '../../core/edit-distance.js';
export interface Selection {
  readonly patterns: readonly string[];
  /** True when no pattern was given or one of them selects `id`. */
  matches(id: string): boolean;
}

const escapeChar = (c: string) => c.replace(/[.+^$()|[\]\\]/g, '\\$&');

/** The pattern as an anchored regular expression that also accepts ids continuing after a `/`. */
export function globRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else out += escapeChar(c);
  }
  out += ')'.repeat(depth);
  return new RegExp(`^(?:${out})(?:/.*)?$`);
}

/** `--only a,b --only c` -> [a, b, c]: repeatable and comma-separated (commas inside {} stay). */
export function splitPatterns(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    let depth = 0;
    let cur = '';
    for (const c of v) {
      if (c === '{') depth++;
      if (c === '}') depth = Math.max(0, depth - 1);
      if (c === ',' && depth === 0) {
        out.push(cur);
        cur = '';
      } else cur += c;
    }
    out.push(cur);
  }
  return out.map((p) => p.trim()).filter(Boolean);
}

export function selection(patterns: readonly string[]): Selection {
  const res = patterns.map(globRegExp);
  return { patterns, matches: (id) => res.length === 0 || res.some((r) => r.test(id)) };
}

/** The patterns that select none of `ids`. */
export const unmatched = (patterns: readonly string[], ids: readonly string[]): string[] =>
  patterns.filter((p) => !ids.some((id) => globRegExp(p).test(id)));

/** Segment by segment: a glob segment costs nothing against any id segment, a literal its edit distance. */
function segmentDistance(pattern: string, id: string): number {
  const ps = pattern.split('/');
  const is = id.split('/');
  let d = Math.max(0, ps.length - is.length) * 4;
  ps.forEach((p, i) => {
    const seg = is[i];
    if (seg === undefined || /[*?{]/.test(p)) return;
    d += distance(p, seg);
  });
  return d;
}

/**
 * What a pattern that selected nothing may have meant, best first (at most `max`): the known ids cut to
 * the pattern's length, its glob segments kept (`extract/large-file/*` -> `extract/large-files/*`), within
 * a third of the pattern's literal length in edit distance, segment by segment.
 */
export function closeIds(pattern: string, ids: readonly string[], max = 8): string[] {
  const ps = pattern.split('/');
  const literal = pattern.replace(/[*?{}]/g, '').length;
  const bound = Math.max(2, Math.floor(literal / 3));
  const best = new Map<string, number>();
  for (const id of ids) {
    const is = id.split('/');
    const d = segmentDistance(pattern, id);
    if (d > bound) continue;
    const cut = is.slice(0, ps.length).map((seg, i) => (/[*?{]/.test(ps[i] ?? '') ? (ps[i] as string) : seg));
    const hint = cut.join('/');
    best.set(hint, Math.min(best.get(hint) ?? d, d));
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([hint]) => hint);
}
