import { mulberry32 } from '../prng.js';
import { badJson, overLimit, wrongType } from './cases-bodies.js';
import { badProtocol } from './cases-protocol.js';
import { archivePath, badMethod, badName, badQuery, unknownRoute, versionPrefix } from './cases-requests.js';
import { type Builders, Gen } from './gen-context.js';
import { FUZZ_CATEGORIES, type FuzzCase, type FuzzCategory, type FuzzTarget } from './types.js';

const BUILDERS: Builders = {
  'wrong-type': wrongType,
  'bad-json': badJson,
  'over-limit': overLimit,
  'unknown-route': unknownRoute,
  'bad-name': badName,
  'archive-path': archivePath,
  'version-prefix': versionPrefix,
  'bad-query': badQuery,
  'bad-method': badMethod,
  'bad-protocol': badProtocol,
};

/** How often each category comes (over-limit bodies are megabytes each: rare). */
const WEIGHTS: Record<FuzzCategory, number> = {
  'wrong-type': 22,
  'bad-json': 12,
  'over-limit': 1.5,
  'unknown-route': 9,
  'bad-name': 12,
  'archive-path': 10,
  'version-prefix': 8,
  'bad-query': 14,
  'bad-method': 7,
  'bad-protocol': 4.5,
};

/** Docker engines set no JSON limit of their own; shipd's is 4 MiB. Over-limit cases go past this. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export interface MalformedOptions {
  seed: number;
  count: number;
  target: FuzzTarget;
  bodyLimit?: number;
}

/**
 * `count` malformed requests, the same for the same seed and target: each category at least once
 * (when count allows), the rest drawn by weight.
 *
 *   const cases = malformedRequests({ seed: 7, count: 1000, target: { container: id, image: 'probe:x' } });
 *   const report = await runFuzz('unix:///run/shipd.sock', cases);
 */
export function malformedRequests(opts: MalformedOptions): FuzzCase[] {
  const rng = mulberry32(opts.seed);
  const g = new Gen(rng, opts.target, opts.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const draw = (): FuzzCategory => {
    let r = rng() * total;
    for (const c of FUZZ_CATEGORIES) {
      r -= WEIGHTS[c];
      if (r < 0) return c;
    }
    return 'wrong-type';
  };
  const out: FuzzCase[] = [];
  for (let n = 0; n < opts.count; n++) {
    const category = n < FUZZ_CATEGORIES.length ? (FUZZ_CATEGORIES[n] as FuzzCategory) : draw();
    out.push({ n, category, ...BUILDERS[category](g) });
  }
  return out;
}
