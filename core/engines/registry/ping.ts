import { headerValue, type RegistryTransport } from './transport.js';

/** What `GET /v2/` said: 200 means the distribution API is implemented (401 means it wants auth). */
export interface PingResult {
  readonly status: number;
  readonly supported: boolean;
  /** `Docker-Distribution-API-Version`, e.g. `registry/2.0` (optional per spec). */
  readonly apiVersion?: string;
  readonly authenticate?: string;
}

export async function ping(transport: RegistryTransport): Promise<PingResult> {
  const res = await transport.send('GET', '/v2/');
  const apiVersion = headerValue(res, 'docker-distribution-api-version');
  const authenticate = headerValue(res, 'www-authenticate');
  return {
    status: res.status,
    supported: res.status === 200,
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(authenticate === undefined ? {} : { authenticate }),
  };
}
