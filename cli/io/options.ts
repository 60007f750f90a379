import type { Argv } from 'yargs';
import { ENGINE_VALUE_HELP } from '../discovery/parse-engine.js';
import type { DiscoveryFlags } from '../discovery/types.js';
import type { ShipshapeConfig } from './config-file.js';

/** --engine/--runtime/--registry, shared by every command. */
export const selectionOptions = <T>(y: Argv<T>) =>
  y
    .option('engine', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: `Engine to use (repeatable): ${ENGINE_VALUE_HELP}`,
    })
    .option('runtime', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: "Runtime CLI (repeatable): 'NAME|PATH [GLOBAL-FLAG...]', e.g. 'crun --systemd-cgroup'",
    })
    .option('registry', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Registry base URL (repeatable), e.g. http://127.0.0.1:5000',
    });

/** Options of commands that run suites. */
export const runOptions = <T>(y: Argv<T>) =>
  y
    .option('suite', {
      type: 'string',
      array: true,
      default: [] as string[],
      requiresArg: true,
      describe: 'Run only this suite (repeatable)',
    })
    .option('tag', {
      type: 'string',
      array: true,
      default: [] as string[],
      requiresArg: true,
      describe: 'Run only tests with this tag (repeatable; any matches; see README "Tags")',
    })
    .option('test-name-pattern', {
      alias: 't',
      type: 'string',
      requiresArg: true,
      describe: 'Run only tests whose name matches this regular expression',
    })
    .option('out', {
      type: 'string',
      default: 'reports/out',
      describe: 'Directory for results.json, junit.xml, summary.md, logs/',
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'An unexpected pass (xpass) fails the run',
    })
    .option('expectations', {
      type: 'string',
      array: true,
      default: [] as string[],
      requiresArg: true,
      describe:
        'Folder of your own expectation files (<engine>.yaml or <engine>/*.yaml; repeatable): read before the shipped ones',
    })
    .option('bail', {
      type: 'number',
      describe: "Stop an engine's run after N unexpected failures (the tests left are not run)",
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'No progress lines: only the summary and errors',
    })
    .option('verbose', {
      type: 'boolean',
      default: false,
      describe: "Also a line per test as it ends (status, id, and a failure's first line)",
    })
    .option('diff-against', {
      type: 'string',
      describe:
        'Also diff every other selected Docker-API engine against this one (a name or address); writes diff.json and diff.md, never changes the exit status',
    });

export interface SelectionArgs {
  engine: string[];
  runtime: string[];
  registry: string[];
}

export interface RunArgs extends SelectionArgs {
  suite: string[];
  tag: string[];
  testNamePattern?: string;
  out: string;
  strict: boolean;
  diffAgainst?: string;
  bail?: number;
  expectations?: string[];
  quiet?: boolean;
  verbose?: boolean;
}

export const flagsOf = (a: SelectionArgs): DiscoveryFlags => ({
  engines: a.engine,
  runtimes: a.runtime,
  registries: a.registry,
});

export const hasSelection = (a: SelectionArgs): boolean =>
  a.engine.length + a.runtime.length + a.registry.length > 0;

/**
 * Flags with shipshape.yaml's defaults: its engines, suites and tags when the command line gives none of
 * that kind; its expectation folders after those given with --expectations.
 */
export function withConfig<T extends RunArgs>(args: T, config: ShipshapeConfig | undefined): T {
  if (!config) return args;
  const noEngine = args.engine.length + args.runtime.length + args.registry.length === 0;
  return {
    ...args,
    engine: noEngine ? config.engines : args.engine,
    suite: args.suite.length > 0 ? args.suite : config.suites,
    tag: args.tag.length > 0 ? args.tag : config.tags,
    expectations: [...(args.expectations ?? []), ...config.expectations],
  };
}
