/** A parsed runc-style command line: global flags, the command, its flags and positionals. */
export interface FastArgs {
  readonly global: { root?: string; log?: string; logFormat?: string; debug: boolean };
  readonly command: string;
  readonly flags: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
}

const GLOBAL_VALUE = new Set(['--root', '--log', '--log-format']);
/** Per command: flags taking a value, boolean flags (short aliases mapped to long names). */
const COMMANDS: Readonly<Record<string, { value: string[]; bool: string[] }>> = {
  create: { value: ['--bundle', '-b', '--pid-file', '--console-socket'], bool: [] },
  run: { value: ['--bundle', '-b', '--pid-file', '--console-socket'], bool: ['--detach', '-d'] },
  start: { value: [], bool: [] },
  state: { value: [], bool: [] },
  kill: { value: [], bool: ['--all', '-a'] },
  delete: { value: [], bool: ['--force', '-f'] },
};
const ALIAS: Readonly<Record<string, string>> = {
  '-b': 'bundle',
  '-d': 'detach',
  '-a': 'all',
  '-f': 'force',
};

/**
 * Parses the lifecycle commands without yargs (whose load is a third of a CLI call); anything it
 * does not know (help, other commands, odd flags) returns undefined and goes to the yargs program.
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
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || /^-\d+$/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.split(/=(.*)/s);
    const key = ALIAS[name] ?? name.replace(/^--/, '');
    if (spec.bool.includes(name)) flags[key] = true;
    else if (spec.value.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) return undefined;
      flags[key] = v;
    } else return undefined;
  }
  return { global, command, flags, positionals };
}
