import { SUITES_DIR } from '../../core/results/test-id.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `suites/docker-api/x.test.ts` from a test id `docker-api/x.test.ts > describe > name`. */
export function fileOfId(id: string): string {
  const file = id.split(' > ')[0] ?? id;
  return `${SUITES_DIR}/${file}`;
}

/**
 * A `-t` pattern selecting these test ids. Vitest matches it against the describe and test names joined
 * by spaces (`describe name`); the harness's reporter also against `suites/<file> describe name`.
 */
export function namePattern(ids: readonly string[]): string {
  const one = (id: string) => {
    const [file = '', ...names] = id.split(' > ');
    return `(?:^|${escapeRegex(file)} )${escapeRegex(names.join(' '))}$`;
  };
  return [...new Set(ids)].map(one).join('|');
}

/**
 * A vitest config (no imports, so it loads from any folder) whose `suites` project holds only the files
 * of these ids, run in one worker without per-file isolation: the selected tests load in seconds
 * instead of importing every suite file. Same timeouts as the project's `suites` project.
 */
export function vitestConfigFor(ids: readonly string[]): string {
  const include = [...new Set(ids.map(fileOfId))].sort();
  const project = {
    test: {
      name: 'suites',
      include,
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      isolate: false,
    },
  };
  return `export default ${JSON.stringify({ test: { projects: [project] } }, null, 2)};\n`;
}
