import { randomBytes } from 'node:crypto';
import { RegistryClient } from './client.js';

/** The registry the client tests use; SHIPSHAPE_REGISTRY_URL overrides the peers script's default. */
export const REGISTRY_URL = process.env.SHIPSHAPE_REGISTRY_URL ?? 'http://127.0.0.1:5000';

/** True when `GET /v2/` answers 200 within 2 s (tests skip otherwise). */
export async function registryAnswers(url = REGISTRY_URL): Promise<boolean> {
  const client = new RegistryClient(url, { timeoutMs: 2_000 });
  try {
    return (await client.ping()).status === 200;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

const RUN = randomBytes(4).toString('hex');

/** A repository name unique to this test run: `shipshape-test/<run>/<suffix>-<random>`. */
export function uniqueRepo(suffix: string): string {
  return `shipshape-test/${RUN}/${suffix}-${randomBytes(3).toString('hex')}`;
}

/**
 * What a test pushed, deleted again in reverse order by `clean()` (manifests before blobs). Failures
 * are collected and returned, not thrown: a registry with deletes disabled still lets the test end.
 */
export class PushedContent {
  readonly #items: { kind: 'manifest' | 'blob'; name: string; digest: string }[] = [];
  constructor(private readonly client: RegistryClient) {}

  manifest(name: string, digest: string): void {
    this.#items.push({ kind: 'manifest', name, digest });
  }

  blob(name: string, digest: string): void {
    this.#items.push({ kind: 'blob', name, digest });
  }

  async clean(): Promise<string[]> {
    const failures: string[] = [];
    const ordered = [...this.#items]
      .reverse()
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'manifest' ? -1 : 1));
    for (const item of ordered) {
      const path = `/v2/${item.name}/${item.kind === 'blob' ? 'blobs' : 'manifests'}/${item.digest}`;
      const res = await this.client.raw('DELETE', path);
      if (res.status !== 202 && res.status !== 404) failures.push(`${path}: ${res.status}`);
    }
    this.#items.length = 0;
    return failures;
  }
}
