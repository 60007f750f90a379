/** Where suites live under the project root: suites/<suite>/<file>.test.ts. */
export const SUITES_DIR = 'suites';

/**
 * Stable test id from vitest's full name (`suites/basics/ping.test.ts > describe > name`): the same string
 * without the leading `suites/`, i.e. `basics/ping.test.ts > describe > name`.
 */
export function testIdFromFullName(fullName: string): string {
  const prefix = `${SUITES_DIR}/`;
  return fullName.startsWith(prefix) ? fullName.slice(prefix.length) : fullName;
}

/** The suite a test id belongs to: its first path segment. */
export const suiteOfId = (id: string): string => id.split('/')[0] ?? id;

/** Glob over whole test ids: `*` matches any run of characters, `?` one character; the rest is literal. */
export function idGlob(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}
