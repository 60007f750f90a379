import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../core/results/host.js';
import type { CliIo } from './io/io.js';
import { commandsIn, flagsIn, helpOf } from './testing/cli-help.js';

/**
 * The fan-out examples under examples/ are not run here (they need GitHub's runners or a Kubernetes
 * cluster), so this keeps them from rotting: their essential structure, and every `shipshape` command
 * line in them names a command and flags the CLI has.
 */
const root = projectRoot();
const load = async (path: string): Promise<unknown> => parse(await readFile(join(root, path), 'utf8'));

type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The shell a parsed YAML document runs: every string under a `run`, `command` or `args` key. */
const scripts = (v: unknown, inScript = false): string[] => {
  if (typeof v === 'string') return inScript ? [v] : [];
  if (Array.isArray(v)) return v.flatMap((x) => scripts(x, inScript));
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) =>
    scripts(x, inScript || ['run', 'command', 'args'].includes(k)),
  );
};

/**
 * The `shipshape` command lines in a shell script: a line's words from `shipshape` (alone, or after npx
 * or a path) up to the first `|`, `;`, `&&`, `||` or redirection; quotes dropped.
 */
export function shipshapeCalls(script: string): string[][] {
  const calls: string[][] = [];
  for (const line of script.replace(/\\\n\s*/g, ' ').split('\n')) {
    const words = line.replace(/#.*$/, '').trim().split(/\s+/);
    const at = words.findIndex((w) => /^(?:\S*\/)?shipshape$/.test(w));
    if (at < 0 || words[at + 1] === undefined || words[at + 1]?.startsWith('$')) continue;
    const rest = words.slice(at + 1);
    const end = rest.findIndex((w) => /^(?:\||\|\||&&|;|\d?>>?|<)$/.test(w) || /^\d?>/.test(w));
    calls.push((end < 0 ? rest : rest.slice(0, end)).map((w) => w.replace(/^['"]|['"]$/g, '')));
  }
  return calls;
}

const io = (): CliIo => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env: {},
  root,
});

/** Problems of one command line: an unknown command, subcommand or flag. */
async function check(call: readonly string[]): Promise<string[]> {
  const shown = `shipshape ${call.join(' ')}`;
  const [first, second] = call;
  if (!first || first.startsWith('-')) return [];
  const top = await helpOf([], io());
  if (!commandsIn(top, []).includes(first)) return [`${shown}: no command ${first}`];
  let path = [first];
  const firstHelp = await helpOf(path, io());
  const subcommands = commandsIn(firstHelp, path);
  if (subcommands.length > 0) {
    if (!second || !subcommands.includes(second)) return [`${shown}: ${first} has no subcommand ${second}`];
    path = [first, second];
  }
  const flags = flagsIn(path.length === 1 ? firstHelp : await helpOf(path, io()));
  return call
    .filter((w) => w.startsWith('-'))
    .map((w) => w.split('=')[0] ?? w)
    .filter((f) => !flags.has(f))
    .map((f) => `${shown}: ${path.join(' ')} has no flag ${f}`);
}

async function checkAll(texts: readonly string[]): Promise<{ calls: string[][]; problems: string[] }> {
  const calls = texts.flatMap(shipshapeCalls);
  const problems: string[] = [];
  // one at a time: each help is caught by its own spy on console.log
  for (const call of calls) problems.push(...(await check(call)));
  return { calls, problems };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('finding shipshape command lines', () => {
  it('takes the words after shipshape up to a pipe or redirection, across continued lines', () => {
    expect(
      shipshapeCalls(
        'sudo -E env "PATH=$PATH" npx shipshape conform --engine docker \\\n  --out out | tee log\n' +
          'ln -s /opt/shipshape/dist/cli/main.js /usr/local/bin/shipshape\n' +
          '/usr/local/bin/shipshape report merge a b > x # comment\ncat shipshape-out',
      ),
    ).toEqual([
      ['conform', '--engine', 'docker', '--out', 'out'],
      ['report', 'merge', 'a', 'b'],
    ]);
  });
  it('flags an unknown command, subcommand or flag', async () => {
    const { problems } = await checkAll([
      'shipshape conform --engine docker --no-such-flag\nshipshape report marge x\nshipshape conformm',
    ]);
    expect(problems).toEqual([
      'shipshape conform --engine docker --no-such-flag: conform has no flag --no-such-flag',
      'shipshape report marge x: report has no subcommand marge',
      'shipshape conformm: no command conformm',
    ]);
    expect((await checkAll(['shipshape run --no-bench -q --suite=basics'])).problems).toEqual([]);
  });
});

describe('examples/github-actions/shipshape.yml', () => {
  it('fans out over runners and engines, uploads each host, and merges them into the summary', async () => {
    const wf = obj(await load('examples/github-actions/shipshape.yml'));
    const jobs = Object.values(obj(wf.jobs)).map(obj);
    const fan = jobs.find((j) => obj(obj(j.strategy).matrix).engine);
    expect(fan, 'a matrix job over engines').toBeDefined();
    const matrix = obj(obj(fan?.strategy).matrix);
    expect(list(matrix.os).length).toBeGreaterThanOrEqual(2);
    expect(list(matrix.engine).length).toBeGreaterThanOrEqual(2);
    expect(fan?.['runs-on']).toContain('matrix.os');
    expect(String(obj(fan?.env).SHIPSHAPE_HOST)).toMatch(/matrix\.os.*matrix\.engine/);
    const steps = list(fan?.steps).map(obj);
    const runs = steps.map((s) => String(s.run ?? '')).join('\n');
    expect(runs).toMatch(/shipshape conform\b/);
    expect(runs).toMatch(/shipshape bench\b/);
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(String(obj(upload?.with).path)).toMatch(/results\.json[\s\S]*bench\.json/);
    expect(String(upload?.if)).toMatch(/always|cancelled/);

    const fanName = Object.entries(obj(wf.jobs)).find(([, j]) => j === fan)?.[0];
    const merge = jobs.find((j) => list(j.needs).concat(j.needs).includes(fanName));
    expect(merge, 'a job that needs the matrix job').toBeDefined();
    expect(String(merge?.if)).toMatch(/always|cancelled/);
    const mergeSteps = list(merge?.steps).map(obj);
    expect(mergeSteps.some((s) => String(s.uses).startsWith('actions/download-artifact@'))).toBe(true);
    const mergeRuns = mergeSteps.map((s) => String(s.run ?? '')).join('\n');
    expect(mergeRuns).toMatch(/shipshape report merge /);
    expect(mergeRuns).toContain('$GITHUB_STEP_SUMMARY');
  });

  it('uses only commands and flags the CLI has', async () => {
    const { calls, problems } = await checkAll(scripts(await load('examples/github-actions/shipshape.yml')));
    expect(calls.map((c) => c[0])).toEqual(expect.arrayContaining(['conform', 'bench', 'report']));
    expect(problems).toEqual([]);
  });
});

describe('examples/sonobuoy/plugin.yaml', () => {
  it('is a DaemonSet plugin with JUnit results, the done file and the node engine socket mounted', async () => {
    const plugin = obj(await load('examples/sonobuoy/plugin.yaml'));
    const config = obj(plugin['sonobuoy-config']);
    expect(config.driver).toBe('DaemonSet');
    expect(config['result-format']).toBe('junit');
    expect(config['plugin-name']).toMatch(/^[a-z0-9-]+$/);
    const spec = obj(plugin.spec);
    expect(spec.image).toEqual(expect.any(String));
    const script = [...list(spec.command), ...list(spec.args)].join('\n');
    expect(script).toContain('/done');
    expect(script).toMatch(/shipshape conform .*--out/);
    const env = new Map(list(spec.env).map((e) => [obj(e).name, obj(e)]));
    expect(env.get('SONOBUOY_RESULTS_DIR')?.value).toBe('/tmp/sonobuoy/results');
    expect(obj(obj(env.get('SHIPSHAPE_HOST')?.valueFrom).fieldRef).fieldPath).toBe('spec.nodeName');
    const mounts = new Map(list(spec.volumeMounts).map((m) => [obj(m).name, String(obj(m).mountPath)]));
    expect(mounts.get('results')).toBe('/tmp/sonobuoy/results');
    // the engine named by SHIPSHAPE_ENGINE is a socket mounted from the node at the same path
    const engine = String(env.get('SHIPSHAPE_ENGINE')?.value).replace(/^unix:\/\//, '');
    const volumes = list(obj(plugin.podSpec).volumes).map(obj);
    const socket = volumes.find((v) => obj(v.hostPath).path === engine);
    expect(socket, `a hostPath volume for ${engine}`).toBeDefined();
    expect(mounts.get(socket?.name)).toBe(engine);
  });

  it('uses only commands and flags the CLI has', async () => {
    const { calls, problems } = await checkAll(scripts(await load('examples/sonobuoy/plugin.yaml')));
    expect(calls.map((c) => c[0])).toEqual(['conform']);
    expect(problems).toEqual([]);
  });

  it('its image builds the CLI the plugin calls', async () => {
    const dockerfile = await readFile(join(root, 'examples/sonobuoy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toContain('/usr/local/bin/shipshape');
    expect((await checkAll([dockerfile])).problems).toEqual([]);
  });
});
