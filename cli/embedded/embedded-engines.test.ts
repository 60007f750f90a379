import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineUnreachableError } from '../../core/errors.js';
import { SHIPRUN_CLI } from '../../core/repo-root.js';
import { namedShiprun } from './describe-embedded.js';
import { embeddedEngines, SHIPRUN_INIT } from './embedded-engines.js';
import { SHIPD_MAIN } from './shipd-process.js';

const host = (isRoot: boolean, present: string[]) => ({
  isRoot,
  exists: (p: string) => present.some((f) => p === join('/r', f)),
});
const ALL = [SHIPRUN_CLI, SHIPRUN_INIT, SHIPD_MAIN];

describe('embeddedEngines', () => {
  it('offers shiprun and the shipd daemon when they are built and we are root', () => {
    const e = embeddedEngines('/r', host(true, ALL));
    expect(e.unavailable).toEqual([]);
    expect(e.endpoints).toEqual([
      expect.objectContaining({ name: 'shiprun', family: 'runtime-cli', address: join('/r', SHIPRUN_CLI) }),
    ]);
    expect(e.daemons).toEqual([{ name: 'shipd', main: SHIPD_MAIN }]);
  });

  it.each([
    [
      'the CLI is not built',
      host(true, [SHIPRUN_INIT, SHIPD_MAIN]),
      /shiprun\.cjs is missing: run `npm run build`/,
    ],
    [
      'the native init is not built',
      host(true, [SHIPRUN_CLI, SHIPD_MAIN]),
      /shiprun-init is missing.*libseccomp-dev/,
    ],
    ['not root', host(false, ALL), /needs root/],
  ])('leaves shiprun out with the reason when %s', (_, h, reason) => {
    const e = embeddedEngines('/r', h);
    expect(e.endpoints).toEqual([]);
    expect(e.unavailable).toContainEqual({ name: 'shiprun', reason: expect.stringMatching(reason) });
  });

  it.each([
    ['the daemon is not built', host(true, [SHIPRUN_CLI, SHIPRUN_INIT]), /daemon\/main\.js is missing/],
    ['the native init is not built', host(true, [SHIPRUN_CLI, SHIPD_MAIN]), /shiprun-init is missing/],
    ['not root', host(false, ALL), /needs root/],
  ])('leaves shipd out with the reason when %s', (_, h, reason) => {
    const e = embeddedEngines('/r', h);
    expect(e.daemons).toEqual([]);
    expect(e.unavailable).toContainEqual({ name: 'shipd', reason: expect.stringMatching(reason) });
  });
});

describe('namedShiprun', () => {
  const flags = (engine: string[], runtime: string[] = []) => ({ engine, runtime, registry: [] });

  it('names the embedded shiprun CLI for --engine shiprun and --runtime shiprun, the rest kept', () => {
    const cli = join('/r', SHIPRUN_CLI);
    expect(namedShiprun(flags(['shiprun', 'docker'], ['runc', 'shiprun']), '/r', host(true, ALL))).toEqual(
      flags([cli, 'docker'], ['runc', cli]),
    );
  });

  it('leaves flags without shiprun as they are, even where it cannot run', () => {
    const f = flags(['shipd'], ['crun']);
    expect(namedShiprun(f, '/r', host(false, []))).toBe(f);
  });

  it('refuses shiprun by name with the reason it cannot run here', () => {
    expect(() => namedShiprun(flags(['shiprun']), '/r', host(false, ALL))).toThrow(EngineUnreachableError);
    expect(() => namedShiprun(flags([], ['shiprun']), '/r', host(true, [SHIPD_MAIN]))).toThrow(/is missing/);
  });
});
