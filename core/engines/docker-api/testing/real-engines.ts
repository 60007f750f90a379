import { access } from 'node:fs/promises';
import { DockerApiClient } from '../client.js';

/** A real engine on this machine that tests may use, and why it is skipped when it is not there. */
export interface RealEngine {
  readonly name: string;
  readonly address: string;
  readonly available: boolean;
  readonly skipReason: string;
}

const CANDIDATES = [
  { name: 'docker', address: 'unix:///var/run/docker.sock' },
  { name: 'podman', address: 'unix:///run/podman/podman.sock' },
] as const;

/** Ping each well-known socket (2 s bound) so test files can `describe.skipIf(!engine.available)`. */
export async function realEngines(): Promise<RealEngine[]> {
  return Promise.all(
    CANDIDATES.map(async ({ name, address }) => {
      const socket = address.slice('unix://'.length);
      const present = await access(socket).then(
        () => true,
        () => false,
      );
      if (!present) return { name, address, available: false, skipReason: `${socket} is absent` };
      const client = new DockerApiClient(address, { timeoutMs: 2_000 });
      try {
        const ping = await client.ping();
        return {
          name,
          address,
          available: ping.ok,
          skipReason: `${address} answered /_ping with ${ping.status}`,
        };
      } catch (err) {
        return {
          name,
          address,
          available: false,
          skipReason: `${address} does not answer: ${(err as Error).message}`,
        };
      } finally {
        await client.close();
      }
    }),
  );
}
