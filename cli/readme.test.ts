import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { parseExpectations } from '../core/results/expectations/parse.js';
import { projectRoot } from '../core/results/host.js';
import { SUITE_FAMILIES } from '../suites/support/suites.js';
import { loadConfig } from './io/config-file.js';
import type { CliIo } from './io/io.js';
import { existingSuites } from './runner/plan.js';
import { commandsIn, flagsIn, helpOf } from './testing/cli-help.js';

const root = projectRoot();
const text = (path: string) => readFile(join(root, path), 'utf8');
const exists = (path: string) =>
  stat(join(root, path)).then(
    () => true,
    () => false,
  );

/** The bodies of the fenced blocks of `lang` (```sh ... ```), or of every block after `heading`. */
const blocks = (md: string, lang: string): string[] =>
  [...md.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((m) => m[1] ?? '');
const firstBlockAfter = (md: string, heading: string): string =>
  md
    .split(`\n${heading}\n`)[1]
    ?.split('```')[1]
    ?.replace(/^\w*\n/, '') ?? '';

/**
 * The paths a layout block names: a line's leading `name/` words (indented two spaces per level below
 * the entry above) and a leading file name; description lines (indented further) name nothing.
 */
export function layoutPaths(block: string, base = ''): string[] {
  const paths: string[] = [];
  const parents: string[] = [];
  for (const line of block.split('\n')) {
    const m = /^( {0,6})((?:[\w.-]+\/ )*[\w.-]+\/|[\w-]+\.\w+)(?: |$)/.exec(line);
    if (!m?.[2]) continue;
    const depth = (m[1] ?? '').length / 2;
    const parent = parents.slice(0, depth).join('');
    const names = m[2].split(' ');
    for (const name of names) paths.push(`${base}${parent}${name}`);
    parents.length = depth;
    parents[depth] = names[names.length - 1] ?? '';
  }
  return paths;
}

/**
 * The `shipshape` command lines of a shell block: a line's words after `shipshape` up to a pipe,
 * `;`, `&&`, `||`, a redirection or a comment; continued lines joined, quotes dropped.
 */
export function shipshapeCalls(script: string): string[][] {
  const calls: string[][] = [];
  for (const line of script.replace(/\\\n\s*/g, ' ').split('\n')) {
    const words = line
      .replace(/(^|\s)#.*$/, '')
      .trim()
      .split(/\s+/);
    const at = words.findIndex((w) => /^(?:\S*\/)?shipshape$/.test(w));
    if (at < 0 || words[at + 1] === undefined) continue;
    const rest = words.slice(at + 1);
    const end = rest.findIndex((w) => /^(?:\||\|\||&&|;|<)$/.test(w) || /^\d?>/.test(w));
    calls.push((end < 0 ? rest : rest.slice(0, end)).map((w) => w.replace(/^['"]|['"]$/g, '')));
  }
  return calls;
}

const io = (): CliIo => ({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, root });

/** What is wrong with one command line: an unknown command, subcommand or flag. */
async function problemsOf(call: readonly string[]): Promise<string[]> {
  const shown = `shipshape ${call.join(' ')}`;
  const [first, second] = call;
  if (!first) return [`${shown}: no command`];
  if (first.startsWith('-'))
    return ['--version', '-v', '--help'].includes(first) ? [] : [`${shown}: no option ${first}`];
  if (!commandsIn(await helpOf([], io()), []).includes(first)) return [`${shown}: no command ${first}`];
  let path = [first];
  let help = await helpOf(path, io());
  const subcommands = commandsIn(help, path);
  if (subcommands.length > 0) {
    if (!second || !subcommands.includes(second)) return [`${shown}: ${first} has no subcommand ${second}`];
    path = [first, second];
    help = await helpOf(path, io());
  }
  const flags = flagsIn(help);
  return call
    .filter((w) => /^--?[a-z]/i.test(w))
    .map((w) => w.split('=')[0] ?? w)
    .filter((f) => !flags.has(f))
    .map((f) => `${shown}: ${path.join(' ')} has no flag ${f}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README', () => {
  it('documents the tags of every suite, and the flags users look for', async () => {
    const readme = await text('README.md');
    const tags = readme.split('### Tags')[1]?.split('\n## ')[0] ?? '';
    for (const suite of (await existingSuites(root)).filter((s) => s in SUITE_FAMILIES)) {
      expect(tags, suite).toMatch(new RegExp(`^\\| \`${suite}\` \\| [^|]+ \\| \`[a-z]`, 'm'));
    }
    for (const flag of [
      'npm ci && npm start',
      'npm test',
      'npm run peers',
      '--list',
      '--bail',
      '--quiet',
      '--verbose',
      '--expectations',
      'shipshape.yaml',
      'compare',
      'report merge',
      'clean',
      'validate image',
      'GITHUB_STEP_SUMMARY',
      'examples/README.md',
      'reference-engine/README.md',
    ]) {
      expect(readme).toContain(flag);
    }
  });

  it('lays out the tree: every folder the Layout names exists, and every top-level folder is in it', async () => {
    const layout = layoutPaths(firstBlockAfter(await text('README.md'), '### Layout'));
    expect(layout).toEqual(expect.arrayContaining(['core/', 'core/engines/container-engine/', 'cli/']));
    const missing = [];
    for (const p of layout) if (!(await exists(p))) missing.push(p);
    expect(missing, 'named in the Layout but not in the tree').toEqual([]);

    const ignored = (await text('.gitignore')).split('\n').filter((l) => /^[\w.-]+\/$/.test(l));
    const topLevel = (await readdir(root, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !ignored.includes(`${d.name}/`))
      .map((d) => `${d.name}/`);
    expect(
      topLevel.filter((d) => !layout.includes(d)),
      'in the tree but not in the Layout',
    ).toEqual([]);
  });

  it("the reference engine's parts exist as its README names them", async () => {
    const md = await text('reference-engine/README.md');
    const parts = layoutPaths(firstBlockAfter(md, '## Parts, bottom-up'), 'reference-engine/');
    expect(parts).toEqual(
      expect.arrayContaining(['reference-engine/storage/', 'reference-engine/errors.ts']),
    );
    const missing = [];
    for (const p of parts) if (!(await exists(p))) missing.push(p);
    expect(missing).toEqual([]);
    const top = (await readdir(join(root, 'reference-engine'), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => `reference-engine/${d.name}/`);
    expect(
      top.filter((d) => !parts.includes(d)),
      'a part its README leaves out',
    ).toEqual([]);
  });

  it('shows only commands and flags the CLI has, and npm scripts package.json has', async () => {
    const shell = [
      ...blocks(await text('README.md'), 'sh'),
      ...blocks(await text('reference-engine/README.md'), 'sh'),
    ].join('\n');
    const calls = shipshapeCalls(shell);
    expect(calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['engines', 'conform', 'bench', 'compare', 'report', 'validate', 'clean']),
    );
    const problems: string[] = [];
    // one at a time: each help is caught by its own spy on console.log
    for (const call of calls) problems.push(...(await problemsOf(call)));
    expect(problems).toEqual([]);

    const scripts = Object.keys(
      (JSON.parse(await text('package.json')) as { scripts: Record<string, string> }).scripts,
    );
    const named = [...shell.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((s) => !scripts.includes(s ?? ''))).toEqual([]);
  }, 60_000);

  it('its YAML examples are what shipshape reads: an expectation file, shipshape.yaml, a CI job', async () => {
    const yamls = blocks(await text('README.md'), 'yaml');
    const expectations = yamls.find((y) => y.startsWith('- '));
    expect(parseExpectations('README expectations', expectations ?? '').length).toBeGreaterThan(1);

    const dir = await mkdtemp(join(tmpdir(), 'shipshape-readme-'));
    try {
      await writeFile(join(dir, 'shipshape.yaml'), yamls.find((y) => y.startsWith('engines:')) ?? '');
      const config = await loadConfig(dir);
      expect(config?.engines.length).toBeGreaterThan(0);
      expect(config?.expectations).toEqual([join(dir, 'deviations')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const job = parse(yamls.find((y) => /^jobs:/m.test(y)) ?? '') as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const runs = Object.values(job.jobs).flatMap((j) => j.steps.map((st) => st.run ?? ''));
    const calls = shipshapeCalls(runs.join('\n'));
    expect(calls.map((c) => c[0])).toContain('conform');
    const problems: string[] = [];
    for (const call of calls) problems.push(...(await problemsOf(call)));
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds the command lines of a block and the flags a line gets wrong', async () => {
    expect(
      shipshapeCalls(
        'npx shipshape conform --engine docker \\\n  --out out | tee log  # note\n' +
          'npx shipshape compare a b --format markdown > pr.md\ncat shipshape-out\n',
      ),
    ).toEqual([
      ['conform', '--engine', 'docker', '--out', 'out'],
      ['compare', 'a', 'b', '--format', 'markdown'],
    ]);
    expect(await problemsOf(['conform', '--engine', 'docker', '--no-such-flag'])).toEqual([
      'shipshape conform --engine docker --no-such-flag: conform has no flag --no-such-flag',
    ]);
    expect(await problemsOf(['report', 'marge', 'x'])).toEqual([
      'shipshape report marge x: report has no subcommand marge',
    ]);
    expect(await problemsOf(['run', '--no-bench', '-q', '--suite=basics'])).toEqual([]);
    expect(
      layoutPaths('a/    x\n  b/ c/   y\n    d.ts  z\n                 e/ description\nf.ts', 'r/'),
    ).toEqual(['r/a/', 'r/a/b/', 'r/a/c/', 'r/a/c/d.ts', 'r/f.ts']);
  }, 60_000);
});
