import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateReport } from '../../../bench/gate/types.js';
import type { BenchDocument } from '../../../bench/results/types.js';
import { benchHtml } from './index.js';

/** Writes DIR/bench.html; `gateReport` (structured) wins over `gate` (the text report). */
export async function writeBenchHtml(
  dir: string,
  doc: BenchDocument,
  o: { gate?: string | GateReport; gateReport?: GateReport } = {},
): Promise<string> {
  const path = join(dir, 'bench.html');
  await writeFile(path, benchHtml(doc, o.gateReport ?? o.gate));
  return path;
}
