/** Three significant figures in a unit that fits: 0.85 ms -> 850 µs, 1234 ms -> 1.23 s. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${sig(ms / 1000)} s`;
  if (abs >= 1 || abs === 0) return `${sig(ms)} ms`;
  if (abs >= 0.001) return `${sig(ms * 1000)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

/** A value in its result's unit: durations as formatDuration, other units as `3 sig. figures UNIT`. */
export const formatValue = (x: number, unit: string | undefined): string =>
  unit === undefined || unit === 'ms' ? formatDuration(x) : `${sig(x)} ${unit}`;

export const sig = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));

export const formatPercent = (fraction: number): string =>
  `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/** A Markdown table; pipes and newlines inside cells are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
