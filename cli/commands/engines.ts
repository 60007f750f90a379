import Table from 'cli-table3';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import type { Discovery } from '../discovery/types.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, type SelectionArgs } from '../io/options.js';

export interface EnginesArgs extends SelectionArgs {
  json: boolean;
}

function tables(d: Discovery): string {
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
  return `${lines.join('\n')}\n`;
}

/** `shipshape engines`: what discovery finds here, and what it probed without an answer. */
export async function enginesCommand(args: EnginesArgs, io: CliIo): Promise<number> {
  const ctx = defaultContext(flagsOf(args), io.env);
  const d = await discover(ctx, io.describe ? { describe: io.describe } : {});
  io.stdout.write(args.json ? `${JSON.stringify(d, null, 2)}\n` : tables(d));
  return 0;
}
