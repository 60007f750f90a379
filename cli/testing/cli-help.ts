import { expect, vi } from 'vitest';
import { runCli } from '../cli.js';
import type { CliIo } from '../io/io.js';

/** yargs prints help with console.log: the help text of `shipshape ...path --help`. */
export async function helpOf(path: readonly string[], io: CliIo): Promise<string> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const code = await runCli([...path, '--help'], io);
  const text = log.mock.calls.map((c) => c.join(' ')).join('\n');
  log.mockRestore();
  expect(code, `shipshape ${path.join(' ')} --help`).toBe(0);
  return text;
}

/** The command words a help text lists under "Commands:" (`shipshape report merge <dirs..>` -> merge). */
export const commandsIn = (help: string, path: readonly string[]): string[] =>
  [...help.matchAll(new RegExp(`^\\s+shipshape ${path.map((p) => `${p} `).join('')}(\\S+)`, 'gm'))].map(
    (m) => m[1] ?? '',
  );

/** The options a help text lists: --long names, -x aliases, and --no-x for booleans (however wrapped). */
export function flagsIn(help: string): Set<string> {
  const flags = new Set<string>();
  let current = ''; // the option whose description (possibly wrapped) the line belongs to
  for (const line of help.split('\n')) {
    const m = /^\s+((?:-\w, )?--[\w-]+)\s/.exec(line);
    if (m?.[1]) {
      for (const f of m[1].split(', ')) flags.add(f);
      current = m[1].replace(/^(?:-\w, )?--/, '');
    } else if (!/^\s/.test(line)) current = '';
    if (current && line.includes('[boolean]')) flags.add(`--no-${current}`);
  }
  return flags;
}
