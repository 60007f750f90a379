import type { DockerApiClient } from '../../../core/engines/docker-api/index.js';

/** One HTTP answer as the differ sees it: status plus a decoded body (JSON, demuxed logs, text, or null). */
export interface Captured {
  /** `METHOD /path` as sent (engine-unique names replaced by `<unique>`). */
  readonly request: string;
  /** HTTP status; 0 when no answer came (transport error, timeout, a step that could not run). */
  readonly status: number;
  readonly body: unknown;
  /** Why no answer came. */
  readonly error?: string;
}

/** An array compared by the value of one member of its elements instead of by index (Mounts by Destination). */
export interface KeyedArray {
  /** Pointer pattern of the array: `/Mounts`, `` (the body itself), `/*\/Containers`. */
  readonly path: string;
  readonly key: string;
}

/** Which body paths compare by value; everything else compares by JSON type. */
export interface CompareRules {
  /** Pointer patterns (`*` one segment, `**` any): the value there, and everything under it, by value. */
  readonly byValue?: readonly string[];
  readonly keyed?: readonly KeyedArray[];
  /**
   * Pointer patterns of objects whose keys are data, not fields (network `Containers` by container id):
   * no missing/extra for their keys, only the shape of one entry against one entry.
   */
  readonly maps?: readonly string[];
}

/** Something a scenario made on an engine; removed in a finally, whatever happened. */
export type Resource =
  | { readonly kind: 'container'; readonly name: string }
  | { readonly kind: 'image'; readonly name: string }
  | { readonly kind: 'volume'; readonly name: string }
  | { readonly kind: 'network'; readonly name: string };

/**
 * What a step sees on one engine. Lifecycle: the runner builds one per engine run (unique token, client),
 * steps call `track` for what they create and `remember`/`recall` ids across steps of a scenario, then
 * the runner removes every tracked resource after the scenario.
 */
export interface ScenarioContext {
  readonly client: DockerApiClient;
  /** Random per engine run; every name made contains it. Replaced by `<unique>` before comparing. */
  readonly token: string;
  /** The probe fixture image, loaded before the scenarios run. */
  readonly image: string;
  /** `shipshape-diff-<token>-<scenario>-<role>`: unique to this engine run and scenario. */
  name(role: string): string;
  track(resource: Resource): void;
  remember(key: string, value: string): void;
  recall(key: string): string | undefined;
  /** POST /images/load of the probe fixture tagged `ref` (tracked for removal), captured. */
  loadImage(ref: string): Promise<Captured>;
}

/** One request (or a short poll) whose answer is compared across engines. */
export interface Step extends CompareRules {
  readonly name: string;
  run(ctx: ScenarioContext): Promise<Captured>;
}

/** A named list of steps run in order on each engine; what it creates is tracked and removed after. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly steps: readonly Step[];
}

/** Everything one engine answered: per scenario, per step. */
export interface EngineCapture {
  readonly engine: string;
  readonly token: string;
  readonly scenarios: readonly { readonly name: string; readonly steps: readonly CapturedStep[] }[];
  /** What went wrong outside the compared answers: setup, resources that could not be removed. */
  readonly notes: readonly string[];
}

export interface CapturedStep extends Captured {
  readonly step: string;
}
