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

function tables(d: Discovery, own: ReturnType<typeof embeddedRows>): string {
  const found = new Table({
    head: ['name', 'family', 'endpoint', 'product', 'version', 'api', 'capabilities', 'source'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, 30, null],
  });
  for (const e of d.engines) {
    const endpoint = [e.address, ...(e.args ?? [])].join(' ');
    found.push([
      e.name,
      e.family,
      endpoint,
      e.product,
      e.version,
      e.apiVersion ?? '',
      e.capabilities.join(', '),
      e.source,
    ]);
  }
  const lines = [d.engines.length > 0 ? found.toString() : 'No engine found.'];
  if (d.unreachable.length > 0) {
    const missed = new Table({
      head: ['name', 'family', 'address', 'source', 'reason'],
      style: { head: [], border: [] },
    });
    for (const u of d.unreachable) missed.push([u.name, u.family, u.address, u.source, u.reason]);
    lines.push('', 'Probed but not reachable:', missed.toString());
  }
  const mine = new Table({ head: ['name', 'family', 'status'], style: { head: [], border: [] } });
  for (const r of own) mine.push([r.name, r.family, r.status]);
  lines.push('', 'Reference engine (embedded):', mine.toString());
  return `${lines.join('\n')}\n`;
}

/** `shipshape engines`: what discovery finds here, and what it probed without an answer. */
export async function enginesCommand(args: EnginesArgs, io: CliIo): Promise<number> {
  const ctx = defaultContext(flagsOf(args), io.env);
  const d = await discover(ctx, io.describe ? { describe: io.describe } : {});
  const own = embeddedRows(embeddedEngines(io.root));
  io.stdout.write(args.json ? `${JSON.stringify({ ...d, embedded: own }, null, 2)}\n` : tables(d, own));
  return 0;
}
