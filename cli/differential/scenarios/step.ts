import type { QueryParams } from '../../../core/engines/docker-api/index.js';
import { pollFor } from '../../../core/wait-for.js';
import { capture, type Decode } from '../model/capture.js';
import type { Captured, CompareRules, ScenarioContext, Step } from '../model/types.js';

type Dynamic<T> = T | ((ctx: ScenarioContext) => T);

/** One HTTP request as a step; path, query and body may depend on the context (names, remembered ids). */
export interface CallSpec extends CompareRules {
  readonly query?: Dynamic<QueryParams>;
  /** The JSON body (a function: constant bodies too, so `ctx` is typed). */
  readonly body?: (ctx: ScenarioContext) => unknown;
  readonly decode?: Decode;
  /** false: send the path as written, without the negotiated `/vX.YY` prefix. */
  readonly versioned?: boolean;
  /** Keeps the part of a 2xx body that is ours (lists shared with other users of the engine). */
  readonly select?: (body: unknown, ctx: ScenarioContext) => unknown;
  /** Asks again (up to 5 times within about 3 s) while this holds: for answers that lag behind. */
  readonly retryWhile?: (captured: Captured) => boolean;
  /** Called with the answer (to remember ids) before it is returned. */
  readonly after?: (ctx: ScenarioContext, status: number, body: unknown) => void;
}

const resolve = <T>(value: Dynamic<T>, ctx: ScenarioContext): T =>
  typeof value === 'function' ? (value as (c: ScenarioContext) => T)(ctx) : value;

export function call(name: string, method: string, path: Dynamic<string>, spec: CallSpec = {}): Step {
  const { query, body, decode, versioned, select, retryWhile, after, byValue, keyed, maps } = spec;
  return {
    name,
    ...(byValue ? { byValue } : {}),
    ...(keyed ? { keyed } : {}),
    ...(maps ? { maps } : {}),
    run: async (ctx) => {
      const once = () =>
        capture(ctx, method, resolve(path, ctx), {
          ...(query === undefined ? {} : { query: resolve(query, ctx) }),
          ...(body === undefined ? {} : { body: body(ctx) }),
          ...(decode ? { decode } : {}),
          ...(versioned === false ? { versioned: false } : {}),
        });
      let captured = await once();
      // Asked again while `retryWhile` holds: five more times at most, 100 ms apart and doubling.
      const settled = async ({ attempt }: { attempt: number }) => {
        if (attempt > 1) captured = await once();
        return !retryWhile?.(captured);
      };
      await pollFor(settled, {
        timeoutMs: 60_000,
        intervalMs: 100,
        maxIntervalMs: 1600,
        maxAttempts: 6,
        describe: `${name} to settle`,
        retry: () => false,
      });
      after?.(ctx, captured.status, captured.body);
      if (!select || captured.status < 200 || captured.status > 299) return captured;
      return { ...captured, body: select(captured.body, ctx) };
    },
  };
}

/** The `Id` member of a JSON answer, if any. */
export const idOf = (body: unknown): string | undefined =>
  body !== null && typeof body === 'object' && 'Id' in body && typeof body.Id === 'string'
    ? body.Id
    : undefined;

/** `POST /containers/create?name=…` of `container`, tracked for removal whatever the answer. */
export function createContainer(
  role: string,
  container: (ctx: ScenarioContext) => unknown,
  rules: CompareRules = {},
): Step {
  return call('create', 'POST', '/containers/create', {
    ...rules,
    query: (ctx) => ({ name: ctx.name(role) }),
    body: (ctx) => {
      ctx.track({ kind: 'container', name: ctx.name(role) });
      return container(ctx);
    },
  });
}

/** A container of the probe image that sleeps until killed. */
export const sleeper = (ctx: ScenarioContext) => ({
  Image: ctx.image,
  Cmd: ['sleep', '600'],
  Labels: { 'org.shipshape.diff.run': ctx.token },
});
