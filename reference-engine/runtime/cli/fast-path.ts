/** A parsed runc-style command line: global flags, the command, its flags and positionals. */
export interface FastArgs {
  readonly global: { root?: string; log?: string; logFormat?: string; debug: boolean };
  readonly command: string;
  /** By long name; a repeatable flag (exec --env) gathers its values in an array. */
  readonly flags: Readonly<Record<string, string | true | string[]>>;
  readonly positionals: readonly string[];
}

const GLOBAL_VALUE = new Set(['--root', '--log', '--log-format']);

/** One command's flags: name (and short alias) -> long key; `multi` keys repeat; `rest`: argv after the id is the program's. */
interface CommandSpec {
  readonly value?: Readonly<Record<string, string>>;
  readonly bool?: Readonly<Record<string, string>>;
  readonly multi?: readonly string[];
  readonly rest?: boolean;
}

const long = (...names: string[]) => Object.fromEntries(names.map((n) => [`--${n}`, n]));

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  create: { value: { ...long('bundle', 'pid-file', 'console-socket'), '-b': 'bundle' } },
  run: {
    value: { ...long('bundle', 'pid-file', 'console-socket'), '-b': 'bundle' },
    bool: { '--detach': 'detach', '-d': 'detach' },
  },
  start: {},
  state: {},
  kill: { bool: { '--all': 'all', '-a': 'all' } },
  delete: { bool: { '--force': 'force', '-f': 'force' } },
  pause: {},
  resume: {},
  ps: { value: { '--format': 'format', '-f': 'format' } },
  list: { value: { '--format': 'format', '-f': 'format' }, bool: { '--quiet': 'quiet', '-q': 'quiet' } },
  events: { value: long('interval'), bool: long('stats') },
  update: {
    value: {
      ...long('resources', 'memory', 'memory-reservation', 'memory-swap', 'cpu-share', 'cpu-quota'),
      ...long('cpu-period', 'cpuset-cpus', 'cpuset-mems', 'pids-limit', 'blkio-weight'),
      '-r': 'resources',
    },
  },
  exec: {
    value: {
      ...long('process', 'pid-file', 'console-socket', 'preserve-fds', 'cwd', 'user', 'env'),
      '-p': 'process',
      '-u': 'user',
      '-e': 'env',
    },
    bool: { '--detach': 'detach', '-d': 'detach', '--tty': 'tty', '-t': 'tty' },
    multi: ['env'],
    rest: true,
  },
};

/**
 * Parses the commands engines call most without yargs (whose load is a third of a CLI call); anything
 * it does not know (help, other commands, odd flags) returns undefined and goes to the yargs program.
 */
export function parseFast(argv: readonly string[]): FastArgs | undefined {
  const global: { root?: string; log?: string; logFormat?: string; debug: boolean } = { debug: false };
  let i = 0;
  for (; i < argv.length && argv[i]?.startsWith('-'); i++) {
    const [name, inline] = (argv[i] ?? '').split(/=(.*)/s);
    if (name === '--debug') global.debug = true;
    else if (name && GLOBAL_VALUE.has(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) return undefined;
      if (name === '--root') global.root = v;
      else if (name === '--log') global.log = v;
      else global.logFormat = v;
    } else return undefined;
  }
  const command = argv[i++];
  const spec = command ? COMMANDS[command] : undefined;
  if (!command || !spec) return undefined;
  const flags: Record<string, string | true | string[]> = {};
  const positionals: string[] = [];
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (spec.rest && positionals.length > 0) {
      positionals.push(arg); // exec: the program and its arguments, flags or not
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d+$/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.split(/=(.*)/s);
    const boolKey = spec.bool?.[name];
    const valueKey = spec.value?.[name];
    if (boolKey) flags[boolKey] = true;
    else if (valueKey) {
      const v = inline ?? argv[++i];
      if (v === undefined) return undefined;
      const prev = flags[valueKey];
      flags[valueKey] = spec.multi?.includes(valueKey) ? [...(Array.isArray(prev) ? prev : []), v] : v;
    } else return undefined;
  }
  return { global, command, flags, positionals };
}
