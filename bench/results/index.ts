export { type BenchRecord, buildBenchDocument } from './build.js';
export { collectEnvironment, filesystemOf } from './environment.js';
export { type Figure, figureKey, figureName, figuresOf } from './figures.js';
export { formatDuration, formatPercent, markdownTable, sig } from './format.js';
export {
  type CustomBenchmarkEntry,
  toCustomSmallerIsBetter,
  toCustomSmallerIsBetterJson,
} from './github-action-benchmark.js';
export { parseBenchJson, readBenchJson, toBenchJson, writeBenchJson } from './json.js';
export { MARKDOWN_COLUMNS, toMarkdown } from './markdown.js';
export { benchDocumentSchema } from './schema.js';
export { type SideBySideOptions, toSideBySide } from './side-by-side.js';
export * from './types.js';
export { assertBenchDocument, benchDocumentErrors, isBenchDocument } from './validate.js';
