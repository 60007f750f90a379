import type { DaemonContext } from '../context.js';
import { API_VERSION, MIN_API_VERSION } from '../http/api-version.js';
import type { Routes } from '../http/app.js';
import { hostFacts } from '../system/host-facts.js';

/** GET /version (SystemVersion): the engine and its built-in runtime as Components. */
export function registerSystemVersion(app: Routes, ctx: DaemonContext): void {
  app.get('/version', async () => {
    const host = hostFacts();
    const version = ctx.config.version;
    return {
      Platform: { Name: 'shipd' },
      Components: [
        {
          Name: 'Engine',
          Version: version,
          Details: {
            ApiVersion: API_VERSION,
            Arch: host.goArch,
            Experimental: 'false',
            KernelVersion: host.kernelVersion,
            MinAPIVersion: MIN_API_VERSION,
            NodeVersion: process.version,
            Os: 'linux',
          },
        },
        { Name: 'shiprun', Version: version, Details: { Embedded: 'true' } },
      ],
      Version: version,
      ApiVersion: API_VERSION,
      MinAPIVersion: MIN_API_VERSION,
      GitCommit: '',
      GoVersion: '',
      Os: 'linux',
      Arch: host.goArch,
      KernelVersion: host.kernelVersion,
      BuildTime: '',
    };
  });
}
