import { describeEngine } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineUnreachableError } from '../../core/errors.js';
import { nameByProduct } from '../discovery/naming.js';
import type { CliIo, EmbeddedShipd } from '../io/io.js';
import type { SelectionArgs } from '../io/options.js';
import { type EmbeddedHost, embeddedEngines, realHost } from './embedded-engines.js';
import { startShipd } from './shipd-process.js';

/** The embedded reference engine for one run: its engines, described, and `close()` to stop its daemon. */
export interface OpenEmbedded {
  readonly engines: EngineDescription[];
  close(): Promise<void>;
}

/**
 * Starts and describes the embedded reference engine (shiprun; shipd on a private socket). A part that
 * cannot be used is said on stderr and left out. Always `close()` it, also after a failed run.
 */
export async function openEmbedded(io: CliIo): Promise<OpenEmbedded> {
  const { endpoints, daemons, unavailable } = embeddedEngines(io.root);
  const say = (name: string, reason: string) =>
    io.stderr.write(`shipshape: reference engine ${name} not used: ${reason}\n`);
  for (const u of unavailable) say(u.name, u.reason);
  const started: EmbeddedShipd[] = [];
  for (const d of daemons) {
    try {
      started.push(await (io.startShipd ?? startShipd)(io.root));
    } catch (err) {
      say(d.name, (err as Error).message);
    }
  }
  const describe = io.describe ?? describeEngine;
  const engines: EngineDescription[] = [];
  for (const e of [...endpoints, ...started.map((s) => s.endpoint)]) {
    try {
      engines.push(await describe(e, { timeoutMs: 20_000 }));
    } catch (err) {
      say(e.name, (err as Error).message);
    }
  }
  return { engines, close: async () => void (await Promise.all(started.map((s) => s.stop()))) };
}

/** The reference engine first, then the found engines it does not duplicate; all named by product. */
export function withEmbedded(
  own: readonly EngineDescription[],
  found: readonly EngineDescription[],
): EngineDescription[] {
  const taken = new Set(own.map((e) => e.address));
  return nameByProduct([...own, ...found.filter((e) => !taken.has(e.address))]);
}

/**
 * The flags with the name `shiprun` (in --engine or --runtime) replaced by the embedded shiprun's CLI,
 * as `engines` lists it; EngineUnreachableError with the reason when it cannot run here.
 */
export function namedShiprun<T extends SelectionArgs>(
  args: T,
  root: string,
  host: EmbeddedHost = realHost(),
): T {
  if (!args.engine.includes('shiprun') && !args.runtime.includes('shiprun')) return args;
  const { endpoints, unavailable } = embeddedEngines(root, host);
  const shiprun = endpoints.find((e) => e.name === 'shiprun');
  if (!shiprun) {
    const why = unavailable.find((u) => u.name === 'shiprun')?.reason;
    throw new EngineUnreachableError('shiprun', why ?? 'it is unavailable here');
  }
  const swap = (names: string[]) => names.map((n) => (n === 'shiprun' ? shiprun.address : n));
  return { ...args, engine: swap(args.engine), runtime: swap(args.runtime) };
}

/** `--engine shipd` values (the embedded daemon) apart from the rest of the engine flags. */
export function splitEmbeddedShipd(engines: readonly string[]): { shipd: boolean; rest: string[] } {
  const rest = engines.filter((e) => e !== 'shipd');
  return { shipd: rest.length < engines.length, rest };
}

/**
 * Starts the embedded shipd alone (what `--engine shipd` asks for) and describes it; unlike
 * openEmbedded, a shipd that cannot start is an error: it was asked for by name. Always `close()` it.
 */
export async function openEmbeddedShipd(io: CliIo): Promise<OpenEmbedded> {
  const { daemons, unavailable } = embeddedEngines(io.root);
  const why = unavailable.find((u) => u.name === 'shipd');
  if (!daemons.some((d) => d.name === 'shipd'))
    throw new EngineUnreachableError('shipd', why?.reason ?? 'it is unavailable here');
  const shipd = await (io.startShipd ?? startShipd)(io.root);
  try {
    const engine = await (io.describe ?? describeEngine)(shipd.endpoint, { timeoutMs: 20_000 });
    return { engines: [{ ...engine, name: 'shipd' }], close: () => shipd.stop() };
  } catch (err) {
    await shipd.stop();
    throw err;
  }
}
