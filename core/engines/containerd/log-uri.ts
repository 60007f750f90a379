import { join } from 'node:path';
import { repoRoot } from '../../repo-root.js';

/** The log driver script beside this module's source (file-logger.sh). */
const fileLoggerPath = (): string => join(repoRoot(), 'core', 'engines', 'containerd', 'file-logger.sh');

/**
 * `ctr` flags that append a task's stdout and stderr to `file` (absolute) through file-logger.sh, which
 * keeps every line of both streams where containerd's `file://` driver can lose stderr.
 */
export const logToFile = (file: string): string[] => [
  '--log-uri',
  `binary://${fileLoggerPath()}?file=${encodeURIComponent(file)}`,
];
