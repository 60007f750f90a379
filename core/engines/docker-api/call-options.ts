/** Per-call options every typed call takes. */
export interface CallOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A path segment for an id or image reference: escaped, but keeping `/` and `:` as Docker clients do. */
export const seg = (name: string): string =>
  encodeURIComponent(name).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/g, '@');

/** Query booleans as the engine reads them. */
export const flag = (value: boolean | undefined): string | undefined =>
  value === undefined ? undefined : value ? '1' : '0';
