/** Digests an in-flight operation still needs: gc and rollback never delete a held blob. */
export interface Lease {
  /** Hold a digest; `created` marks a blob this lease brought into the store. */
  hold(digest: string, created?: boolean): void;
  readonly digests: ReadonlySet<string>;
  /** Held blobs that did not exist before this lease stored them (what a rollback may remove). */
  readonly created: ReadonlySet<string>;
  /** Stop holding; `created` stays readable for the rollback. */
  release(): void;
}

/** Reference counts of held digests across every open lease of one content store. */
export class LeaseTable {
  readonly #held = new Map<string, number>();

  isHeld(digest: string): boolean {
    return this.#held.has(digest);
  }

  lease(): Lease {
    const digests = new Set<string>();
    const created = new Set<string>();
    return {
      digests,
      created,
      hold: (digest, isNew = false) => {
        if (isNew) created.add(digest);
        if (digests.has(digest)) return;
        digests.add(digest);
        this.#held.set(digest, (this.#held.get(digest) ?? 0) + 1);
      },
      release: () => {
        for (const digest of digests) {
          const count = (this.#held.get(digest) ?? 1) - 1;
          if (count === 0) this.#held.delete(digest);
          else this.#held.set(digest, count);
        }
        digests.clear();
      },
    };
  }
}
