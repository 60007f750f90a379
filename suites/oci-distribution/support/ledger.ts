import type { RegistryClient } from '../../../core/engines/registry/index.js';

/**
 * What a test file pushed, so afterAll can delete it. Lifecycle: `manifest()`/`blob()`/`upload()` as
 * content is created, then one `clean(canDelete)`: uploads are cancelled, then (when the registry allows
 * deletes) manifests before blobs. Returns the failures as text instead of throwing.
 */
export class Ledger {
  readonly #manifests: { repo: string; digest: string }[] = [];
  readonly #blobs: { repo: string; digest: string }[] = [];
  readonly #uploads: string[] = [];

  constructor(private readonly client: RegistryClient) {}

  manifest(repo: string, digest: string): void {
    this.#manifests.push({ repo, digest });
  }

  blob(repo: string, digest: string): void {
    this.#blobs.push({ repo, digest });
  }

  /** An upload Location that may still be open (cancelling a finished one is harmless). */
  upload(location: string): void {
    this.#uploads.push(location);
  }

  async clean(canDelete: boolean): Promise<string[]> {
    const failures: string[] = [];
    const attempt = async (path: string, ok: readonly number[]) => {
      try {
        const res = await this.client.raw('DELETE', path, { body: '' });
        if (!ok.includes(res.status)) failures.push(`DELETE ${path}: ${res.status}`);
      } catch (err) {
        failures.push(`DELETE ${path}: ${(err as Error).message}`);
      }
    };
    for (const location of this.#uploads.splice(0)) await attempt(location, [200, 202, 204, 400, 404]);
    if (!canDelete) return failures;
    const unique = <T extends { repo: string; digest: string }>(list: T[]) => [
      ...new Map(list.splice(0).map((x) => [`${x.repo}@${x.digest}`, x])).values(),
    ];
    for (const m of unique(this.#manifests).reverse()) {
      await attempt(`/v2/${m.repo}/manifests/${m.digest}`, [202, 404]);
    }
    for (const b of unique(this.#blobs)) await attempt(`/v2/${b.repo}/blobs/${b.digest}`, [202, 404]);
    return failures;
  }
}
