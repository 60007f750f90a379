import { type Prng, pick, randomIndex } from '../prng.js';
import type { FuzzCase, FuzzCategory, FuzzTarget } from './types.js';

/** What a case builder gets: the seeded generator, the target, and a few shorthands. */
export class Gen {
  constructor(
    readonly rng: Prng,
    readonly target: FuzzTarget,
    /** The engine's JSON body limit (bytes) the over-limit cases go past. */
    readonly bodyLimit: number,
  ) {}

  pick<T>(items: readonly T[]): T {
    return pick(this.rng, items);
  }

  int(lo: number, hi: number): number {
    return lo + randomIndex(this.rng, hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  hex(n = 8): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[randomIndex(this.rng, 16)];
    return s;
  }

  /** A name nothing on the engine has (for images, volumes, files that must not exist). */
  missing(prefix = 'fuzz-missing'): string {
    return `${prefix}-${this.hex(12)}`;
  }

  get ctr(): string {
    return encodeURIComponent(this.target.container);
  }
}

/** A case without its number (the generator numbers them). */
export type Draft = Omit<FuzzCase, 'n' | 'category'>;

export const JSON_TYPE = { 'Content-Type': 'application/json' };

export function jsonCase(method: string, path: string, body: unknown, what: string): Draft {
  return { method, path, headers: JSON_TYPE, body: Buffer.from(JSON.stringify(body)), what };
}

export function textCase(method: string, path: string, text: string | Buffer, what: string): Draft {
  return { method, path, headers: JSON_TYPE, body: Buffer.isBuffer(text) ? text : Buffer.from(text), what };
}

export const query = (params: Record<string, string>): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

export type CaseBuilder = (g: Gen) => Draft;
export type Builders = Record<FuzzCategory, CaseBuilder>;
