export { CHUNK, contentChunks } from './content.js';
export {
  CORPUS_NAMES,
  CORPUS_PROFILES,
  type CorpusName,
  type CorpusParameters,
  type CorpusProfile,
  corpusEntries,
  corpusTotals,
} from './corpora.js';
export { digestStream } from './digest.js';
export {
  type Availability,
  ENCODERS,
  type EncodeOptions,
  type Encoder,
  encoderAvailability,
  encodeStream,
  findExecutable,
} from './encode.js';
export {
  type DeepTreeOptions,
  deepTree,
  type LargeFilesOptions,
  largeFiles,
  links,
  type SmallFilesOptions,
  smallFiles,
  whiteouts,
} from './generators.js';
export { FIXED_MTIME, layerTarStream } from './tar.js';
export type { ContentKind, CorpusEntry, CorpusTotals } from './types.js';
