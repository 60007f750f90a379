/**
 * Parses ctr's tabwriter tables (`ctr images ls`, `ctr tasks ls`, `ctr containers ls`). Columns are cut
 * at the header's column starts, so values holding spaces (`1.9 MiB`) stay whole.
 */
export function parseTable(output: string): Record<string, string>[] {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header === undefined) return [];
  const starts: { name: string; at: number }[] = [];
  for (const m of header.matchAll(/\S+/g)) starts.push({ name: m[0].toLowerCase(), at: m.index ?? 0 });
  return lines.map((line) => {
    const row: Record<string, string> = {};
    starts.forEach((col, i) => {
      const end = starts[i + 1]?.at ?? line.length;
      row[col.name] = line.slice(col.at, end).trim();
    });
    return row;
  });
}
