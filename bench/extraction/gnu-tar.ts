import { runBounded } from '../../core/engines/runtime-cli/exec.js';
import { EngineError } from '../../core/errors.js';
import type { Encoder } from '../corpus/encode.js';

/** GNU tar's flag for an encoding (tar runs gzip or zstd as a filter, as users do). */
const tarFilter = (e: Encoder): string[] => (e === 'none' ? [] : e === 'zstd' ? ['--zstd'] : ['-z']);

async function call(file: string, args: string[], timeoutMs: number): Promise<void> {
  const r = await runBounded(file, args, { what: `${file} ${args[0]}`, timeoutMs, stdout: 'ignore' });
  if (r.exitCode !== 0)
    throw new EngineError(r.exitCode, r.stderr.trim().slice(0, 300), `${file} ${args.join(' ')}`);
}

/** Decompression only: `gzip -dc` / `zstd -dc` to /dev/null. */
export const gnuDecompress = (path: string, e: Encoder, timeoutMs: number): Promise<void> =>
  e === 'zstd' ? call('zstd', ['-dc', '-q', path], timeoutMs) : call('gzip', ['-dc', path], timeoutMs);

/** Parsing only: `tar -t` reads every header and skips the data, writing nothing. */
export const gnuParse = (path: string, e: Encoder, timeoutMs: number): Promise<void> =>
  call('tar', ['-t', ...tarFilter(e), '-f', path], timeoutMs);

/** Apply: `tar -x` into `dir` (as root, owners and modes from the archive). */
export const gnuApply = (path: string, e: Encoder, dir: string, timeoutMs: number): Promise<void> =>
  call('tar', ['-x', ...tarFilter(e), '-f', path, '-C', dir], timeoutMs);
