#!/usr/bin/env node
import { freshBundle } from './bundle.js';

// `shipd`: the daemon as one bundled module when the bundle matches this build (npm run build makes
// it), else its modules. Node keeps a record, a namespace and compiled code per ES module; one file
// instead of about 300 is what brings shipd's idle memory under 60 MB.
await import(freshBundle() ?? './run-daemon.js');
