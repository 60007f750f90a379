import Table from 'cli-table3';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import type { Discovery } from '../discovery/types.js';
import { type EmbeddedEngines, embeddedEngines } from '../embedded/embedded-engines.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, type SelectionArgs } from '../io/options.js';

export interface EnginesArgs extends SelectionArgs {
  json: boolean;
}

/** The reference engine's parts: usable here (each run starts what it needs), or why not. */
function embeddedRows(e: EmbeddedEngines): { name: string; family: string; status: string }[] {
  return [
    ...e.endpoints.map((p) => ({ name: p.name, family: p.family, status: `ready (${p.address})` })),
    ...e.daemons.map((p) => ({
      name: p.name,
      family: 'docker-api',
      status: 'ready (started on a private socket per run)',
    })),
    ...e.unavailable.map((u) => ({
      name: u.name,
      family: u.name === 'shipd' ? 'docker-api' : 'runtime-cli',
      status: `unavailable: ${u.reason}`,
    })),
  ];
}

/**
 * Column widths (padding included) that fit `width` characters with the borders: the widest column
 * gives way first, down to its longest word (at most 24), then below it when it must; none below 8.
 */
export function fitColumns(rows: readonly (readonly string[])[], width: number): number[] {
  const n = rows[0]?.length ?? 0;
  const cells = (i: number) => rows.map((r) => r[i] ?? '');
  const most = (xs: number[]) => Math.max(0, ...xs);
  const widths = Array.from({ length: n }, (_, i) => most(cells(i).map((c) => c.length)) + 2);
  const floors = Array.from({ length: n }, (_, i) =>
    Math.max(8, Math.min(26, most(cells(i).flatMap((c) => c.split(/\s+/).map((w) => w.length + 2))))),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + n + 1;
  for (const floor of [true, false]) {
    while (total() > width) {
      const room = widths.map((w, i) => w - (floor ? (floors[i] ?? 8) : 8));
      const widest = room.indexOf(most(room));
      if ((room[widest] ?? 0) <= 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
    }
  }
  return widths;
}

/** `text` in lines of at most `width` characters: at spaces, and inside a word longer than a line. */
export function wrapCell(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A bordered table no wider than `width`: long cells wrap inside their column. */
function table(head: string[], rows: string[][], width: number): string {
  const widths = fitColumns([head, ...rows], width);
  const t = new Table({ head, style: { head: [], border: [] }, colWidths: widths });
  for (const r of rows) t.push(r.map((c, i) => wrapCell(c, (widths[i] ?? 10) - 2)));
  return t.toString();
}

function tables(d: Discovery, own: ReturnType<typeof embeddedRows>, width: number): string {
  const found = d.engines.map((e) => [
    e.name,
    e.family,
    [e.address, ...(e.args ?? [])].join(' '),
    [e.product, e.version, e.apiVersion ? `(API ${e.apiVersion})` : ''].filter(Boolean).join(' '),
    e.source,
  ]);
  const lines = [
    found.length > 0
      ? table(['name', 'family', 'endpoint', 'product', 'source'], found, width)
      : 'No engine found.',
  ];
  if (d.engines.length > 0) {
    lines.push('', 'Capabilities:');
    for (const e of d.engines) {
      const text = wrapCell(e.capabilities.join(' ') || '(none)', width - 14).split('\n');
      lines.push(...text.map((l, i) => `  ${(i === 0 ? e.name : '').padEnd(12)}${l}`));
    }
  }
  if (d.unreachable.length > 0) {
    const missed = d.unreachable.map((u) => [u.name, u.family, u.address, u.source, u.reason]);
    lines.push(
      '',
      'Probed but not reachable:',
      table(['name', 'family', 'address', 'source', 'reason'], missed, width),
    );
  }
  const mine = own.map((r) => [r.name, r.family, r.status]);
  lines.push('', 'Reference engine (embedded):', table(['name', 'family', 'status'], mine, width));
  return `${lines.join('\n')}\n`;
}

/** `shipshape engines`: what discovery finds here, and what it probed without an answer. */
export async function enginesCommand(args: EnginesArgs, io: CliIo): Promise<number> {
  const ctx = defaultContext(flagsOf(args), io.env);
  // a listing: an endpoint that does not answer is a row of its own, not the end of the command
  const d = await discover(ctx, { listAll: true, ...(io.describe ? { describe: io.describe } : {}) });
  const own = embeddedRows(embeddedEngines(io.root));
  const width = Math.max(60, io.stdout.columns ?? (Number(io.env.COLUMNS) || 100));
  io.stdout.write(
    args.json ? `${JSON.stringify({ ...d, embedded: own }, null, 2)}\n` : tables(d, own, width),
  );
  return 0;
}
