import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { SHIPRUN_CLI } from '../../core/repo-root.js';

/** What the reference engine offers as an engine here, and why a part of it is not on offer. */
export interface EmbeddedEngines {
  readonly endpoints: EngineEndpoint[];
  readonly unavailable: { readonly name: string; readonly reason: string }[];
}

/** Facts about this host the choice depends on; tests pass fakes. */
export interface EmbeddedHost {
  readonly isRoot: boolean;
  exists(path: string): boolean;
}

export const realHost = (): EmbeddedHost => ({
  isRoot: process.getuid?.() === 0,
  exists: existsSync,
});

export const SHIPRUN_INIT = join('build', 'shiprun-init');

/**
 * The reference engine's parts that can stand in as engines: today `shiprun`, a runc-compatible runtime
 * CLI (it needs root for namespaces, mounts and cgroups, and its native init from `npm run build`).
 */
export function embeddedEngines(root: string, host: EmbeddedHost = realHost()): EmbeddedEngines {
  const cli = join(root, SHIPRUN_CLI);
  const init = join(root, SHIPRUN_INIT);
  const reason = !host.exists(cli)
    ? `${cli} is missing: run \`npm run build\``
    : !host.exists(init)
      ? `${init} is missing: \`npm run build\` builds it (it needs cc and libseccomp-dev)`
      : !host.isRoot
        ? 'it needs root (namespaces, mounts, cgroups); run as root'
        : undefined;
  if (reason) return { endpoints: [], unavailable: [{ name: 'shiprun', reason }] };
  return {
    endpoints: [
      { name: 'shiprun', family: 'runtime-cli', address: cli, source: 'embedded reference engine' },
    ],
    unavailable: [],
  };
}
