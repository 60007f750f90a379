import { InvalidArgument } from '../../errors.js';

/** The image config fields a `--change` can set (Docker's commit/import subset of Dockerfile). */
export interface ChangedConfig {
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  ExposedPorts?: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
  OnBuild?: string[];
  StopSignal?: string;
  User?: string;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
}

const ALLOWED = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/**
 * Applies Dockerfile-style `changes` (`ENV A=1`, `CMD ["x"]`, `WORKDIR /d`, ...) over `base`, as
 * `docker commit --change` and `docker import --change` do. Other instructions are a 400.
 */
export function applyChanges(base: ChangedConfig, changes: readonly string[]): ChangedConfig {
  const config: ChangedConfig = { ...base };
  for (const change of changes
    .flatMap((c) => c.split('\n'))
    .map((c) => c.trim())
    .filter((c) => c !== '')) {
    const space = change.search(/\s/);
    const instruction = (space < 0 ? change : change.slice(0, space)).toUpperCase();
    const rest = space < 0 ? '' : change.slice(space + 1).trim();
    if (!ALLOWED.includes(instruction))
      throw new InvalidArgument(`${instruction} is not a valid change command`);
    apply(config, instruction, rest);
  }
  return config;
}

function apply(config: ChangedConfig, instruction: string, rest: string): void {
  switch (instruction) {
    case 'CMD':
      config.Cmd = commandOf(rest);
      return;
    case 'ENTRYPOINT':
      config.Entrypoint = commandOf(rest);
      return;
    case 'ENV':
      for (const [k, v] of pairsOf(rest, 'ENV'))
        config.Env = [...(config.Env ?? []).filter((e) => !e.startsWith(`${k}=`)), `${k}=${v}`];
      return;
    case 'LABEL':
      config.Labels = { ...config.Labels, ...Object.fromEntries(pairsOf(rest, 'LABEL')) };
      return;
    case 'EXPOSE':
      config.ExposedPorts = { ...config.ExposedPorts };
      for (const port of rest.split(/\s+/).filter((p) => p !== ''))
        config.ExposedPorts[port.includes('/') ? port : `${port}/tcp`] = {};
      return;
    case 'VOLUME':
      config.Volumes = { ...config.Volumes };
      for (const path of jsonArray(rest) ?? rest.split(/\s+/).filter((p) => p !== ''))
        config.Volumes[path] = {};
      return;
    case 'ONBUILD':
      config.OnBuild = [...(config.OnBuild ?? []), rest];
      return;
    case 'STOPSIGNAL':
      config.StopSignal = rest;
      return;
    case 'USER':
      config.User = rest;
      return;
    case 'WORKDIR':
      config.WorkingDir = rest;
      return;
  }
}

/** Exec form (`["a","b"]`) as is; shell form as `/bin/sh -c "..."`. */
function commandOf(rest: string): string[] {
  return jsonArray(rest) ?? ['/bin/sh', '-c', rest];
}

function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
  } catch {
    // not JSON: shell form
  }
  return undefined;
}

/** `K=V K2="v 2"` pairs, or the old `K V` form (one pair, the rest of the line is the value). */
function pairsOf(rest: string, instruction: string): Array<[string, string]> {
  if (!/^[^\s=]+=/.test(rest)) {
    const space = rest.search(/\s/);
    if (space < 0) throw new InvalidArgument(`${instruction} requires at least one argument`);
    return [[rest.slice(0, space), rest.slice(space + 1).trim()]];
  }
  const pairs: Array<[string, string]> = [];
  for (const m of rest.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const raw = m[2] ?? '';
    const value = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
      : raw.startsWith("'")
        ? raw.slice(1, -1)
        : raw;
    pairs.push([m[1] ?? '', value]);
  }
  return pairs;
}
