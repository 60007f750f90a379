// The layer rule (README "Layers"): imports only go down this list, never up, and no folder cycles.
// Tests (*.test.ts) may reach sideways for fixtures and peers; shipped code may not.
const LAYERS = [
  ['spec'],
  ['core'],
  ['reference-engine', 'fixtures'],
  ['suites', 'bench'],
  ['reports'],
  ['cli'],
];

const dir = (names) => `^(${names.join('|')})/`;
const TEST = '[.]test[.]ts$';

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('+')}`,
  comment: `${layer.join(' and ')} may import only from the layers below it`,
  severity: 'error',
  from: { path: dir(layer), pathNot: TEST },
  to: { path: dir(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'engine-not-fixtures',
      comment: 'the reference engine never depends on test fixtures',
      severity: 'error',
      from: { path: '^reference-engine/', pathNot: TEST },
      to: { path: '^fixtures/' },
    },
    {
      name: 'engine-owns-its-errors',
      comment:
        'the reference engine throws its own errors (reference-engine/errors.ts), never the harness ones',
      severity: 'error',
      from: { path: '^reference-engine/', pathNot: TEST },
      to: { path: '^core/errors\\.ts$' },
    },
    {
      name: 'suites-not-bench',
      comment: 'suites and benchmarks share code through lower layers, not through each other',
      severity: 'error',
      from: { path: '^suites/', pathNot: TEST },
      to: { path: '^bench/' },
    },
    {
      name: 'bench-not-suites',
      comment: 'suites and benchmarks share code through lower layers, not through each other',
      severity: 'error',
      from: { path: '^bench/', pathNot: TEST },
      to: { path: '^suites/' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'no cycle between folders',
      severity: 'error',
      scope: 'folder',
      from: { pathNot: TEST },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'no import cycle between modules',
      severity: 'error',
      from: { pathNot: TEST },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(node_modules|dist|build|reports/out)/', '[.]test[.]ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.cts', '.js', '.cjs', '.json'] },
  },
};
