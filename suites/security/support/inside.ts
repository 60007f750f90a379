import type { InsideCheck } from '../../../fixtures/malicious-layers/index.js';

/** One JSON line of `probe read`: the file's content, or the failure object. */
interface ReadLine {
  readonly path?: string;
  readonly content?: string;
  readonly error?: string;
}

/** The `probe sh -c` command that reads each checked path (a failed read goes on to the next). */
export const insideCommand = (checks: readonly InsideCheck[]): string =>
  checks.map((c) => `read ${c.path}`).join('; ');

/** What the container showed that it must not have: the host secret, or a device that opened. */
export function insideProblems(checks: readonly InsideCheck[], stdout: string, secret: string): string[] {
  const lines = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as ReadLine);
  const problems: string[] = [];
  for (const c of checks) {
    const line = lines.find((l) => l.path === c.path);
    if (line === undefined) continue; // the container never got to it: nothing shown
    if (c.mustNot === 'show-secret' && line.content === secret)
      problems.push(`${c.path} shows the host secret from inside the container`);
    if (c.mustNot === 'open' && line.content !== undefined)
      problems.push(`${c.path} opened and read ${line.content.length} bytes from inside the container`);
  }
  return problems;
}
