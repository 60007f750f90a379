import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, type TestContext } from 'vitest';
import { RegistryClient } from '../../../core/engines/registry/index.js';
import { target } from '../../support/index.js';
import { Ledger } from './ledger.js';
import { pushSeed, type Seed } from './seed.js';

/** Per-file registry access; see `useRegistry`. */
export interface RegistryEnv {
  readonly client: RegistryClient;
  readonly ledger: Ledger;
  /** This file's repository: `shipshape-conformance/<run>/<label>`. */
  readonly repo: string;
  /** Another fresh repository under the same run prefix. */
  other(suffix: string): string;
  /** The pushed seed; skips the test when the registry cannot take pushes, throws if seeding failed. */
  seed(ctx: TestContext): Seed;
  /** What target() reports: registry.push, registry.delete. */
  readonly canPush: boolean;
  readonly canDelete: boolean;
}

const RUN = randomBytes(4).toString('hex');

/**
 * Registers beforeAll/afterAll for one test file: a RegistryClient on target(), a unique repository,
 * the seed pushed into it (when `seed` is set and the registry takes pushes), and in afterAll the
 * cancellation of open uploads and deletion of everything recorded in the ledger (where deletes work).
 */
export function useRegistry(label: string, opts: { seed?: boolean } = {}): RegistryEnv {
  const engine = target();
  const client = RegistryClient.from(engine);
  const ledger = new Ledger(client);
  const repo = `shipshape-conformance/${RUN}/${label}`;
  let seeded: Seed | undefined;
  let seedError: unknown;
  const canPush = engine.capabilities.includes('registry.push');
  const canDelete = engine.capabilities.includes('registry.delete');

  beforeAll(async () => {
    if (!opts.seed || !canPush) return;
    try {
      seeded = await pushSeed(client, repo, ledger);
    } catch (err) {
      seedError = err;
    }
  });

  afterAll(async () => {
    const failures = await ledger.clean(canDelete);
    if (failures.length > 0) console.warn(`oci-distribution cleanup of ${repo}:\n  ${failures.join('\n  ')}`);
    await client.close();
  });

  return {
    client,
    ledger,
    repo,
    canPush,
    canDelete,
    other: (suffix) => `shipshape-conformance/${RUN}/${label}-${suffix}-${randomBytes(3).toString('hex')}`,
    seed(ctx) {
      if (!opts.seed) throw new Error(`useRegistry('${label}') was not asked to seed`);
      if (!canPush) ctx.skip('cannot seed test content: engine lacks capability registry.push');
      if (seedError !== undefined) {
        throw new Error(`pushing the seed image to ${repo} failed: ${(seedError as Error).message}`, {
          cause: seedError,
        });
      }
      if (seeded === undefined) throw new Error('seed is not pushed (beforeAll did not run)');
      return seeded;
    },
  };
}
