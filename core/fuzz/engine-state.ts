import type { DockerApiClient } from '../engines/docker-api/client.js';

/** What a Docker-API engine holds, in a comparable form: a fuzz run must leave it unchanged. */
export interface EngineState {
  containers: string[];
  images: string[];
  volumes: string[];
  networks: string[];
}

const sorted = (xs: string[]): string[] => [...xs].sort();

/** Containers (id, name, state), images (id and tags), volumes and networks of the engine. */
export async function engineState(client: DockerApiClient): Promise<EngineState> {
  const get = async <T>(path: string): Promise<T> => (await client.core.json<T>('GET', path)) as T;
  const containers =
    await get<Array<{ Id: string; Names?: string[]; State?: string }>>('/containers/json?all=1');
  const images = await get<Array<{ Id: string; RepoTags?: string[] | null }>>('/images/json?all=1');
  const volumes = await get<{ Volumes?: Array<{ Name: string }> | null }>('/volumes');
  const networks = await get<Array<{ Id: string; Name: string }>>('/networks');
  return {
    containers: sorted(containers.map((c) => `${c.Id} ${(c.Names ?? []).join(',')} ${c.State ?? ''}`)),
    images: sorted(images.map((i) => `${i.Id} ${(i.RepoTags ?? []).join(',')}`)),
    volumes: sorted((volumes.Volumes ?? []).map((v) => v.Name)),
    networks: sorted(networks.map((n) => `${n.Id} ${n.Name}`)),
  };
}
