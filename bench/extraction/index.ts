export { type LayerFile, writeLayerFile } from './blobs.js';
export { containerdLoader, corpusImage, dockerLoader, type EngineLoader } from './engine-load.js';
export { gnuApply, gnuDecompress, gnuParse } from './gnu-tar.js';
export {
  type Contender,
  type ExtractionSettings,
  planExtraction,
  QUICK_CORPORA,
  QUICK_ENCODERS,
  QUICK_LOAD_CORPORA,
  QUICK_TARGETS,
} from './plan.js';
export { referenceApply, referenceDecompress, referenceParse } from './reference.js';
export { type ApplyTarget, openTarget, TARGET_KINDS, type TargetKind } from './targets.js';
