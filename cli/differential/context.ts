import type { DockerApiClient } from '../../core/engines/docker-api/index.js';
import { type Fixture, loadIntoDockerApi } from '../../fixtures/images/index.js';
import { capture, decodeJson, failed } from './model/capture.js';
import type { Captured, Resource, ScenarioContext } from './model/types.js';

/** A scenario's context plus the removal of what it made. */
export interface OwnedContext extends ScenarioContext {
  /** Removes every tracked resource (containers first); returns what could not be removed. */
  cleanup(): Promise<string[]>;
}

const ORDER: readonly Resource['kind'][] = ['container', 'image', 'volume', 'network'];

const removal = (r: Resource): [string, Record<string, string>] =>
  r.kind === 'container' ? [`/containers/${r.name}`, { force: '1', v: '1' }] : [`/${r.kind}s/${r.name}`, {}];

export function scenarioContext(
  client: DockerApiClient,
  token: string,
  scenario: string,
  image: string,
  fixture: () => Promise<Fixture>,
): OwnedContext {
  const resources: Resource[] = [];
  const memory = new Map<string, string>();
  const track = (r: Resource) => {
    if (!resources.some((x) => x.kind === r.kind && x.name === r.name)) resources.push(r);
  };
  const loadImage = async (ref: string): Promise<Captured> => {
    const request = 'POST /images/load';
    track({ kind: 'image', name: ref });
    try {
      const loaded = await loadIntoDockerApi(
        { loadImage: (tar) => capture(ctxRef, 'POST', '/images/load', { body: tar, headers: TAR }) },
        await fixture(),
        { ref },
      );
      return loaded.response as Captured;
    } catch (err) {
      return failed(request, err);
    }
  };
  const ctxRef: OwnedContext = {
    client,
    token,
    image,
    name: (role) => `shipshape-diff-${token}-${scenario}-${role}`,
    track,
    remember: (key, value) => memory.set(key, value),
    recall: (key) => memory.get(key),
    loadImage,
    cleanup: async () => {
      const left: string[] = [];
      for (const kind of ORDER) {
        for (const r of resources.filter((x) => x.kind === kind)) {
          const [path, query] = removal(r);
          const res = await client.raw('DELETE', path, { query }).catch((err: unknown) => err as Error);
          if (res instanceof Error) left.push(`${r.kind} ${r.name}: ${res.message}`);
          else if (res.status >= 400 && res.status !== 404)
            left.push(`${r.kind} ${r.name}: ${res.status} ${JSON.stringify(decodeJson(res.body))}`);
        }
      }
      resources.length = 0;
      return left;
    },
  };
  return ctxRef;
}

const TAR = { 'Content-Type': 'application/x-tar' };
