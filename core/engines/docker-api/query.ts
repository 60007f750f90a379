/** Query values as the Engine API takes them: objects (filters) travel as JSON, arrays as repeated keys. */
export type QueryValue = string | number | boolean | readonly string[] | Readonly<Record<string, unknown>>;
export type QueryParams = Readonly<Record<string, QueryValue | undefined>>;

/** Append `query` to `path`; undefined values are left out. */
export function withQuery(path: string, query: QueryParams | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (typeof value === 'object') params.append(key, JSON.stringify(value));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** Docker filters: `{ label: ['a=b'], status: ['exited'] }`. */
export type Filters = Readonly<Record<string, readonly string[]>>;

/** Filters travel as JSON; an empty set is left out so engines apply no filter. */
export function filtersParam(filters: Filters | undefined): string | undefined {
  if (filters === undefined || Object.keys(filters).length === 0) return undefined;
  return JSON.stringify(filters);
}
