/** Replaces each token (an engine run's unique name part) by `<unique>` in every string and object key. */
export function normalise(value: unknown, tokens: readonly string[]): unknown {
  const live = tokens.filter((t) => t !== '');
  if (live.length === 0) return value;
  const text = (s: string): string => live.reduce((acc, t) => acc.split(t).join('<unique>'), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return walk(value);
}
