import type { EngineFamily } from '../../core/engines/types.js';
import { usageError } from '../../core/errors.js';
import { SUITE_FAMILIES } from '../../suites/support/suites.js';
import type { CliIo } from '../io/io.js';
import type { RunArgs } from '../io/options.js';
import { type CatalogEntry, collectCatalog } from '../runner/catalog.js';
import { checkSuiteNames, existingSuites, nothingSelected } from '../runner/plan.js';

/** Each existing suite once, under the first family it applies to (the stand-in engine's family). */
function byFamily(existing: readonly string[], selected: readonly string[]): Map<EngineFamily, string[]> {
  const out = new Map<EngineFamily, string[]>();
  for (const s of existing.filter((x) => selected.length === 0 || selected.includes(x))) {
    const family = SUITE_FAMILIES[s]?.[0];
    if (family) out.set(family, [...(out.get(family) ?? []), s]);
  }
  return out;
}

/**
 * `shipshape conform --list`: the selected tests (suites, tags, -t) with their tags and requirement ids,
 * without an engine and without running anything; `--json` prints them as an array.
 */
export async function listCommand(args: RunArgs & { json?: boolean }, io: CliIo): Promise<number> {
  checkSuiteNames(args.suite);
  const entries: CatalogEntry[] = [];
  for (const [family, suites] of byFamily(await existingSuites(io.root), args.suite)) {
    entries.push(
      ...(await collectCatalog(family, {
        root: io.root,
        suites,
        tags: args.tag,
        ...(args.testNamePattern ? { testNamePattern: args.testNamePattern } : {}),
      })),
    );
  }
  if (entries.length === 0 && (args.tag.length > 0 || args.testNamePattern)) {
    const engines = [...byFamily(await existingSuites(io.root), args.suite).keys()].map((f) => ({
      name: `${f} engines`,
      family: f,
    }));
    throw usageError(
      await nothingSelected(io.root, engines, {
        suites: args.suite,
        tags: args.tag,
        testNamePattern: args.testNamePattern,
      }),
    );
  }
  if (args.json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  for (const e of entries) {
    const tags = e.tags.length > 0 ? `  [${e.tags.join(', ')}]` : '';
    const reqs = e.requirements.length > 0 ? `  {${e.requirements.join(', ')}}` : '';
    io.stdout.write(`${e.id}${tags}${reqs}\n`);
  }
  io.stderr.write(`shipshape: ${entries.length} tests\n`);
  return 0;
}
