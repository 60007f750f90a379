import { describeEngine } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { nameByProduct } from '../discovery/naming.js';
import type { CliIo } from '../io/io.js';
import { embeddedEngines } from './embedded-engines.js';

/** The embedded reference engine, described; one that cannot be used is said on stderr and left out. */
export async function describeEmbedded(io: CliIo): Promise<EngineDescription[]> {
  const { endpoints, unavailable } = embeddedEngines(io.root);
  for (const u of unavailable)
    io.stderr.write(`shipshape: reference engine ${u.name} not used: ${u.reason}\n`);
  const describe = io.describe ?? describeEngine;
  const out: EngineDescription[] = [];
  for (const e of endpoints) {
    try {
      out.push(await describe(e, { timeoutMs: 20_000 }));
    } catch (err) {
      io.stderr.write(`shipshape: reference engine ${e.name} not used: ${(err as Error).message}\n`);
    }
  }
  return out;
}

/** The reference engine first, then the found engines it does not duplicate; all named by product. */
export function withEmbedded(
  own: readonly EngineDescription[],
  found: readonly EngineDescription[],
): EngineDescription[] {
  const taken = new Set(own.map((e) => e.address));
  return nameByProduct([...own, ...found.filter((e) => !taken.has(e.address))]);
}
