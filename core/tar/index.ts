/** The one tar stack (on tar-stream): entries to bytes or a stream, and bytes back to entries. */
export {
  hasContent,
  type ReadTarEntry,
  type TarContent,
  type TarEntry,
  type TarEntryType,
  tarHeader,
} from './entry.js';
export { readTar } from './read.js';
export { packStream, tarBuffer, tarStream, writeEntry } from './write.js';
