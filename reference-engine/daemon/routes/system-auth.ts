import { InvalidArgument } from '../../errors.js';
import type { Routes } from '../http/app.js';
import { lenientJsonBody } from '../http/body-parsers.js';
import { checkRegistryLogin } from '../system/registry-login.js';

interface AuthBody {
  username?: string;
  password?: string;
  serveraddress?: string;
}

/**
 * POST /auth: checks the credentials against the registry's /v2/ as dockerd does. shipd reaches
 * registries on this host only (it never sends traffic off loopback), so a remote address is refused
 * with a message saying so, where dockerd would try the network.
 */
export function registerSystemAuth(app: Routes): void {
  app.post('/auth', { rawBody: true }, async (req) => {
    const body = ((await lenientJsonBody(req)) ?? {}) as AuthBody;
    if (typeof body !== 'object' || Array.isArray(body))
      throw new InvalidArgument('the body must be an AuthConfig object');
    const status = await checkRegistryLogin(
      body.serveraddress ?? '',
      body.username ?? '',
      body.password ?? '',
    );
    return { Status: status, IdentityToken: '' };
  });
}
