import { NotImplemented } from '../../errors.js';

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/;

/**
 * A login as dockerd's registry service does it: GET /v2/, and on a Basic challenge the same with the
 * credentials. Loopback registries only (plain http, as dockerd treats 127.0.0.0/8 as insecure).
 * Returns the Status text; throws with dockerd's kind of message otherwise.
 */
export async function checkRegistryLogin(
  address: string,
  username: string,
  password: string,
): Promise<string> {
  const host = address.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!LOOPBACK_HOST.test(host))
    throw new NotImplemented(
      `login to ${address || 'https://index.docker.io/v1/'}: shipd reaches registries on this host only (127.0.0.0/8, localhost)`,
    );
  const url = `http://${host}/v2/`;
  let res = await get(url);
  if (res.status === 401) {
    const challenge = res.headers.get('www-authenticate') ?? '';
    if (!/^basic/i.test(challenge))
      throw new NotImplemented(
        `login to ${host}: shipd supports registries with Basic auth or none, not "${challenge}"`,
      );
    res = await get(url, `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
  }
  if (res.status === 200) return 'Login Succeeded';
  throw new Error(`login attempt to ${url} failed with status: ${res.status} ${res.statusText}`);
}

async function get(url: string, authorization?: string): Promise<Response> {
  try {
    return await fetch(url, {
      headers: authorization ? { authorization } : {},
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new Error(`Get "${url}": ${cause}`);
  }
}
