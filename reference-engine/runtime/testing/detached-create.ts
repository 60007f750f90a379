// Run in its own Node process by the log-mode tests: creates and starts a container in log mode
// (stdin FIFO, not once), prints the container's pid and exits, leaving the shim on its own.
// Usage: node detached-create.js ROOT ID BUNDLE LOG
import { createContainer, startContainer } from '../index.js';

const [root, id, bundle, logPath] = process.argv.slice(2);
if (!root || !id || !bundle || !logPath) throw new Error('usage: detached-create ROOT ID BUNDLE LOG');
const stdio = { kind: 'log', logPath, stdin: true, stdinOnce: false, terminal: false } as const;
const created = await createContainer({ root, id, bundle, stdio });
created.shim.unref();
await startContainer(root, id);
process.stdout.write(`${created.pid}\n`);
