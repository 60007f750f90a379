import { parseFast } from './fast-path.js';
import { runFast } from './run-fast.js';

// The bundle's entry: the fast path's parser and runner, joined into fast-cli.bundle.cjs.
export { parseFast, runFast };
