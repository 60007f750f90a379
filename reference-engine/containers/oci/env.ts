/** Docker's default PATH for Linux containers. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const keyOf = (entry: string) => {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
};

/** The create-time merge: the request's Env, then image variables the request does not set. */
export function mergeImageEnv(
  user: readonly string[] | null | undefined,
  image: readonly string[] | undefined,
): string[] {
  if (!user || user.length === 0) return [...(image ?? [])];
  const keys = new Set(user.map(keyOf));
  return [...user, ...(image ?? []).filter((e) => !keys.has(keyOf(e)))];
}

/**
 * dockerd's ReplaceOrAppendEnvValues: each override replaces the default with its key in place or is
 * appended; an override without '=' unsets the key.
 */
export function replaceOrAppend(defaults: readonly string[], overrides: readonly string[]): string[] {
  const out: (string | undefined)[] = [...defaults];
  const index = new Map(out.map((e, i) => [keyOf(e as string), i]));
  for (const value of overrides) {
    const key = keyOf(value);
    const at = index.get(key);
    if (!value.includes('=')) {
      if (at !== undefined) out[at] = undefined;
      continue;
    }
    if (at !== undefined && out[at] !== undefined) out[at] = value;
    else {
      index.set(key, out.length);
      out.push(value);
    }
  }
  return out.filter((e): e is string => e !== undefined);
}

/** The process environment at start: PATH, HOSTNAME, TERM (with a TTY), the container's Env, then HOME. */
export function processEnv(opts: {
  hostname: string;
  tty: boolean;
  env: readonly string[];
  home: string;
}): string[] {
  const defaults = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${opts.hostname}`];
  if (opts.tty) defaults.push('TERM=xterm');
  const env = replaceOrAppend(defaults, opts.env);
  // runc sets HOME from the passwd entry when the environment has none; shiprun-init does not.
  if (!env.some((e) => e.startsWith('HOME='))) env.push(`HOME=${opts.home}`);
  return env;
}
