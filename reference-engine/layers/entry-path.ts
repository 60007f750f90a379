import { InvalidArgument, ReferenceEngineError } from '../errors.js';
import { errnoCode } from '../syscalls/index.js';

/** A refused layer entry: the apply stops here and nothing is written for it. */
export function refuse(entryName: string, reason: string): InvalidArgument {
  return new InvalidArgument(`refusing layer entry ${JSON.stringify(entryName)}: ${reason}`);
}

/**
 * Splits a tar entry name into path components relative to the root. A leading `/` is stripped (as tar
 * does) and `.` components dropped; `..` anywhere, empty input or a NUL byte is refused outright.
 * An empty array means the root itself (`./`).
 */
export function entryComponents(entryName: string, what = 'path'): string[] {
  if (entryName.includes('\0')) throw refuse(entryName, `${what} contains a NUL byte`);
  const parts = entryName.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw refuse(entryName, `${what} has a ".." component`);
  return parts;
}

/** A failure while writing an entry, as the apply reports it: naming the entry. */
export function explainEntryError(entryName: string, err: unknown): Error {
  if (err instanceof ReferenceEngineError) return err;
  if (errnoCode(err) === 'ENAMETOOLONG') return refuse(entryName, 'name too long');
  if (err instanceof Error && err.message.startsWith('applying layer entry ')) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new Error(`applying layer entry ${JSON.stringify(entryName)}: ${reason}`, { cause: err });
}
