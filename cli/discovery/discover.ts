import { describeEngine } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription, EngineEndpoint, Unreachable } from '../../core/engines/types.js';
import { EngineUnreachableError, isShipshapeError } from '../../core/errors.js';
import { nameByProduct } from './naming.js';
import { STRATEGIES } from './strategies.js';
import type { DiscoverOptions, Discovery, DiscoveryContext, StrategyKind } from './types.js';

interface Candidate {
  endpoint: EngineEndpoint;
  kind: StrategyKind;
}

const argKey = (e: EngineEndpoint): string => [e.address, ...(e.args ?? [])].join(' ');

/** Strategies in order; the first finding of an address (with its runtime flags) wins. */
export async function candidates(ctx: DiscoveryContext, opts: DiscoverOptions = {}): Promise<Candidate[]> {
  const kinds = opts.kinds ?? ['explicit', 'environment', 'probe'];
  const out: Candidate[] = [];
  const keys = new Set<string>();
  const addresses = new Set<string>();
  for (const strategy of opts.strategies ?? STRATEGIES) {
    if (!kinds.includes(strategy.kind)) continue;
    for (const endpoint of await strategy.detect(ctx)) {
      const dup = strategy.kind === 'probe' ? addresses.has(endpoint.address) : keys.has(argKey(endpoint));
      if (dup) continue;
      keys.add(argKey(endpoint));
      addresses.add(endpoint.address);
      out.push({ endpoint, kind: strategy.kind });
    }
  }
  return out;
}

type Outcome = { ok: EngineDescription } | { reason: string; cause?: unknown };

async function probe(c: Candidate, ctx: DiscoveryContext, opts: DiscoverOptions): Promise<Outcome> {
  const { address } = c.endpoint;
  if (address.startsWith('unix://') && !(await ctx.socketExists(address.slice('unix://'.length)))) {
    return { reason: `no socket at ${address.slice('unix://'.length)}` };
  }
  try {
    return {
      ok: await (opts.describe ?? describeEngine)(c.endpoint, { timeoutMs: opts.timeoutMs ?? 10_000 }),
    };
  } catch (err) {
    if (isShipshapeError(err) && err.code === 'USAGE') throw err;
    const message = err instanceof Error ? err.message : String(err);
    return { reason: message.replace(`cannot reach ${address}: `, ''), cause: err };
  }
}

/**
 * Finds engines: runs the strategies, dedupes, describes every candidate in parallel and names each by
 * product. An unreachable explicit or environment endpoint throws EngineUnreachableError (exit 2), unless
 * `listAll` asks for it to be listed as unreachable.
 */
export async function discover(ctx: DiscoveryContext, opts: DiscoverOptions = {}): Promise<Discovery> {
  const found = await candidates(ctx, opts);
  const outcomes = await Promise.all(found.map((c) => probe(c, ctx, opts)));
  const engines: EngineDescription[] = [];
  const unreachable: Unreachable[] = [];
  found.forEach((c, i) => {
    const o = outcomes[i] as Outcome;
    if ('ok' in o) {
      engines.push(o.ok);
      return;
    }
    const { name, family, address, source } = c.endpoint;
    if (c.kind !== 'probe' && !opts.listAll)
      throw new EngineUnreachableError(address, `${o.reason} (from ${source})`, o.cause);
    unreachable.push({ name, family, address, source, reason: o.reason });
  });
  return { engines: nameByProduct(engines), unreachable };
}
