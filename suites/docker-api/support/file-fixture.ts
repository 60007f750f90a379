import { afterAll, beforeAll } from 'vitest';

/**
 * What a test file's beforeAll makes once for all its tests, kept as either the value or the error
 * its setup met. `get()` gives the value or throws that error, so when the setup fails every test
 * that uses it fails with the cause (a listed deviation can then expect it) instead of the file
 * erroring and its tests being skipped without a word.
 *
 *   const nets = fileFixture(() => createInternalNetwork(...), (net) => removeNetworkQuietly(client, net.id));
 *   conformance('...', opts, () => { const net = nets.get(); ... });
 */
export interface FileFixture<T> {
  get(): T;
}

export function fileFixture<T>(
  setup: () => Promise<T>,
  teardown: (value: T) => Promise<unknown> = async () => undefined,
): FileFixture<T> {
  let made: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  beforeAll(async () => {
    made = await setup().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  });
  afterAll(async () => {
    if (made?.ok) await teardown(made.value);
  });
  return {
    get(): T {
      if (made === undefined) throw new Error('the file fixture is read before its beforeAll ran');
      if (!made.ok) throw made.error;
      return made.value;
    },
  };
}
