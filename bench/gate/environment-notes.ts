import type { BenchEnvironment } from '../results/types.js';

/** Differences between two hosts that make cross-run ratios suspect. */
export function environmentNotes(a: BenchEnvironment, b: BenchEnvironment): string[] {
  const notes: string[] = [];
  const diff = (what: string, x: unknown, y: unknown) => {
    if (x !== y) notes.push(`${what} differs: ${String(x)} -> ${String(y)}`);
  };
  diff('CPU model', a.cpu.model, b.cpu.model);
  diff('CPU count', a.cpu.count, b.cpu.count);
  diff('kernel', a.kernel, b.kernel);
  diff('work dir filesystem', a.workDirFilesystem, b.workDirFilesystem);
  diff('node', a.node, b.node);
  for (const engine of new Set([...Object.keys(a.engines), ...Object.keys(b.engines)])) {
    const x = a.engines[engine];
    const y = b.engines[engine];
    if (x !== undefined && y !== undefined) diff(`${engine} version`, x, y);
  }
  return notes;
}
