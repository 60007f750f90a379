import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { SHIPRUN_CLI } from '../../core/repo-root.js';
import { SHIPD_MAIN } from './shipd-process.js';

/** What the reference engine offers as an engine here, and why a part of it is not on offer. */
export interface EmbeddedEngines {
  /** Parts that are engines as they are (shiprun). */
  readonly endpoints: EngineEndpoint[];
  /** Daemons to start for the run (shipd), by project-relative path of their main module. */
  readonly daemons: readonly { readonly name: 'shipd'; readonly main: string }[];
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

/** Why a part built from `files` cannot run here, or undefined when it can. */
function missing(root: string, host: EmbeddedHost, files: readonly string[]): string | undefined {
  for (const f of files) {
    const path = join(root, f);
    if (host.exists(path)) continue;
    return f === SHIPRUN_INIT
      ? `${path} is missing: \`npm run build\` builds it (it needs cc and libseccomp-dev)`
      : `${path} is missing: run \`npm run build\``;
  }
  return host.isRoot ? undefined : 'it needs root (namespaces, mounts, cgroups); run as root';
}

/**
 * The reference engine's parts that can stand in as engines: `shiprun`, a runc-compatible runtime CLI,
 * and `shipd`, the Docker-compatible daemon started on a private socket for the run. Both need root
 * (namespaces, mounts, cgroups) and their native init from `npm run build`.
 */
export function embeddedEngines(root: string, host: EmbeddedHost = realHost()): EmbeddedEngines {
  const unavailable: EmbeddedEngines['unavailable'][number][] = [];
  const runtime = missing(root, host, [SHIPRUN_CLI, SHIPRUN_INIT]);
  if (runtime) unavailable.push({ name: 'shiprun', reason: runtime });
  const daemon = missing(root, host, [SHIPD_MAIN, SHIPRUN_INIT]);
  if (daemon) unavailable.push({ name: 'shipd', reason: daemon });
  return {
    endpoints: runtime
      ? []
      : [
          {
            name: 'shiprun',
            family: 'runtime-cli',
            address: join(root, SHIPRUN_CLI),
            source: 'embedded reference engine',
          },
        ],
    daemons: daemon ? [] : [{ name: 'shipd', main: SHIPD_MAIN }],
    unavailable,
  };
}
