/** The one tar stack (on tar-stream): entries to bytes or a stream, and bytes back to entries. */
export type { ReadTarEntry, TarContent, TarEntry, TarEntryType } from './entry.js';
export { readTar } from './read.js';
export { packStream, tarBuffer, tarStream, writeEntry } from './write.js';
