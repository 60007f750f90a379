import { randomInt } from 'node:crypto';
import type { DockerApiClient } from '../../core/engines/docker-api/index.js';
import { EngineError } from '../../core/errors.js';

// Internal (no outside routing) bridge networks with a private /24 of their own, for networks-* tests.

export interface OurNetwork {
  readonly id: string;
  readonly name: string;
  readonly subnet: string;
  readonly gateway: string;
}

/**
 * Creates an internal bridge network named `name` with labels, on a random 10.213.X.0/24 (up to 8
 * tries when another network holds the range). The caller removes it.
 */
export async function createInternalNetwork(
  client: DockerApiClient,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<OurNetwork> {
  let last: unknown;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const third = randomInt(0, 256);
    const subnet = `10.213.${third}.0/24`;
    const gateway = `10.213.${third}.1`;
    try {
      const { Id } = await client.networks.create({
        Name: name,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        Labels: { ...labels },
        IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] },
      });
      return { id: Id ?? '', name, subnet, gateway };
    } catch (err) {
      last = err;
      if (!(err instanceof EngineError) || !/overlap|in use|already used|conflict/i.test(err.engineMessage))
        throw err;
    }
  }
  throw last;
}

/** Removes a network; already gone is fine. */
export async function removeNetworkQuietly(client: DockerApiClient, id: string): Promise<void> {
  const res = await client.raw('DELETE', `/networks/${id}`);
  if (res.status >= 400 && res.status !== 404)
    throw new EngineError(res.status, res.text(), `removing network ${id}`);
}

/** Interface names in `/proc/net/dev`. */
export const interfaces = (netDev: string): string[] =>
  netDev
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter((n) => n !== '')
    .sort();
