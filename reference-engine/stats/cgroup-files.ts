import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlkioEntry } from './types.js';

/** A cgroup file's text, or undefined when it is not there (controller absent, container gone). */
export function readText(dir: string | undefined, file: string): string | undefined {
  if (dir === undefined) return undefined;
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return undefined;
  }
}

/** A one-number file (`max` and unreadable values are undefined). */
export function readNumber(dir: string | undefined, file: string): number | undefined {
  const text = readText(dir, file)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** `key value` lines (memory.stat, cpu.stat, cpuacct.stat). */
export function readKeyValues(dir: string | undefined, file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (readText(dir, file) ?? '').split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && /^\d+$/.test(value)) out[key] = Number(value);
  }
  return out;
}

/** A v1 blkio file: `MAJ:MIN Op value` lines (the `Total` line left out). */
export function readBlkio(dir: string | undefined, file: string): BlkioEntry[] {
  const out: BlkioEntry[] = [];
  for (const line of (readText(dir, file) ?? '').split('\n')) {
    const m = /^(\d+):(\d+)\s+(\S+)\s+(\d+)$/.exec(line.trim());
    if (m) out.push({ major: Number(m[1]), minor: Number(m[2]), op: m[3] ?? '', value: Number(m[4]) });
  }
  return out;
}
