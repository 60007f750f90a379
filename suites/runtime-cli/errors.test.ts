import { describe, expect } from 'vitest';
import { session, stateRootIds, uniqueId } from '../oci-runtime/support/index.js';
import { conformance } from '../support/index.js';
import { contract, refusalMessage, runLogged, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('errors', ...ids);

/** Each command of the contract, as argv around a container id. */
const COMMANDS: readonly { name: string; argv: (id: string) => string[] }[] = [
  { name: 'state', argv: (id) => ['state', id] },
  { name: 'start', argv: (id) => ['start', id] },
  { name: 'kill', argv: (id) => ['kill', id, 'SIGTERM'] },
  { name: 'delete', argv: (id) => ['delete', id] },
  { name: 'pause', argv: (id) => ['pause', id] },
  { name: 'resume', argv: (id) => ['resume', id] },
  { name: 'ps', argv: (id) => ['ps', '--format', 'json', id] },
  { name: 'update', argv: (id) => ['update', '--pids-limit', '5', id] },
  { name: 'events --stats', argv: (id) => ['events', '--stats', id] },
  { name: 'exec', argv: (id) => ['exec', id, '/bin/probe', 'exit', '0'] },
];

describe.each(COMMANDS)('$name', ({ argv }) => {
  conformance(
    'fails on an unknown id with a message and creates nothing',
    opts('errors.unknown-id'),
    async () => {
      const r = await runLogged(argv(uniqueId('ghost')), { timeoutMs: 10_000 });
      expect(refusalMessage(r)).not.toBe('');
      expect(stateRootIds(session().workspace.stateRoot)).toEqual([]);
    },
  );

  conformance('fails without an id', opts('errors.no-id'), async () => {
    const r = await runLogged(
      argv('').filter((a) => a !== ''),
      { timeoutMs: 10_000 },
    );
    expect(r.exitCode).not.toBe(0);
    expect(stateRootIds(session().workspace.stateRoot)).toEqual([]);
  });
});
