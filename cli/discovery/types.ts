import type { DescribeFn } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription, EngineEndpoint, Unreachable } from '../../core/engines/types.js';

/** What the user asked for on the command line; every list may be empty. */
export interface DiscoveryFlags {
  readonly engines: readonly string[];
  readonly runtimes: readonly string[];
  readonly registries: readonly string[];
}

/**
 * Everything a strategy may look at. Built once per discovery by `defaultContext()`, or by tests with
 * fakes; strategies never read process state directly.
 */
export interface DiscoveryContext {
  readonly flags: DiscoveryFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Absolute path of an executable found on PATH, or undefined. */
  which(name: string): Promise<string | undefined>;
  /** True when GET `url` answers with any HTTP status within a short deadline. */
  answers(url: string): Promise<boolean>;
  /** True when a unix socket exists at `path` (checked before describing unix:// endpoints). */
  socketExists(path: string): Promise<boolean>;
}

/**
 * How a strategy's findings are treated: `explicit` and `environment` endpoints must be reachable (an
 * unreachable one is an error); `probe` endpoints that do not answer are listed as unreachable.
 */
export type StrategyKind = 'explicit' | 'environment' | 'probe';

/** One place engines may be found. Strategies run in list order; the first to yield an address wins. */
export interface DiscoveryStrategy {
  readonly name: string;
  readonly kind: StrategyKind;
  detect(ctx: DiscoveryContext): Promise<EngineEndpoint[]>;
}

export interface Discovery {
  readonly engines: EngineDescription[];
  readonly unreachable: Unreachable[];
}

export interface DiscoverOptions {
  /** Which kinds of strategy to run; all by default. */
  readonly kinds?: readonly StrategyKind[];
  readonly strategies?: readonly DiscoveryStrategy[];
  readonly describe?: DescribeFn;
  readonly timeoutMs?: number;
  /** List an unreachable explicit or environment endpoint as unreachable instead of throwing (`engines`). */
  readonly listAll?: boolean;
}
