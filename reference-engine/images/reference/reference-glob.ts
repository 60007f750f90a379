import { familiar, repositoryOf } from './parse-reference.js';

/** A Go `path.Match` pattern as a RegExp: `*` and `?` stay within one path segment, `[...]` classes. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return /$^/;
      source += `[${pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Docker's `reference=` filter: the pattern matches the familiar reference (`busybox:latest`) or, for
 * a pattern without a tag, the familiar repository (`busybox`).
 */
export function referenceMatches(pattern: string, reference: string): boolean {
  const re = globToRegExp(pattern);
  return re.test(familiar(reference)) || re.test(familiar(repositoryOf(reference)));
}
