import { basename, resolve } from 'node:path';
import type { EngineEndpoint, EngineFamily } from '../../core/engines/types.js';
import { EngineUnreachableError, usageError } from '../../core/errors.js';
import type { DiscoveryContext } from './types.js';
import { DEFAULT_REGISTRY, KNOWN_RUNTIMES, WELL_KNOWN_SOCKETS } from './well-known.js';

const FAMILIES: readonly EngineFamily[] = ['docker-api', 'containerd', 'runtime-cli', 'registry'];
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
export const ENGINE_VALUE_HELP =
  'a name (docker, podman, containerd, runc, crun, registry, shipd, shiprun), unix:///path, tcp://host:port, ' +
  'http(s)://host:port, or an executable path; prefix FAMILY= to force the family';

const defaultName = (family: EngineFamily, address: string): string =>
  family === 'docker-api' ? 'docker' : family === 'runtime-cli' ? basename(address) : family;

/** Family implied by an address with a scheme, or undefined when the scheme is not one we speak. */
export function familyOfAddress(address: string): EngineFamily | undefined {
  const scheme = SCHEME.exec(address)?.[1]?.toLowerCase();
  if (scheme === 'unix') return basename(address).includes('containerd') ? 'containerd' : 'docker-api';
  if (scheme === 'tcp') return 'docker-api';
  if (scheme === 'http' || scheme === 'https') return 'registry';
  return undefined;
}

/** Resolves a runtime given as a name on PATH or a path; a missing one is unreachable (it was asked for). */
export async function runtimeEndpoint(
  value: string,
  source: string,
  ctx: DiscoveryContext,
  args: readonly string[] = [],
): Promise<EngineEndpoint> {
  const isPath = value.includes('/');
  const file = isPath ? resolve(value) : await ctx.which(value);
  if (!file) throw new EngineUnreachableError(value, `no executable named ${value} on PATH (${source})`);
  return {
    name: basename(file),
    family: 'runtime-cli',
    address: file,
    source,
    ...(args.length ? { args } : {}),
  };
}

/** Parses one `--engine` value (see ENGINE_VALUE_HELP) into an endpoint. */
export async function parseEngineValue(raw: string, ctx: DiscoveryContext): Promise<EngineEndpoint> {
  const source = `--engine ${raw}`;
  const eq = raw.indexOf('=');
  const forced = eq > 0 ? FAMILIES.find((f) => f === raw.slice(0, eq)) : undefined;
  const value = forced ? raw.slice(eq + 1) : raw;
  if (SCHEME.test(value)) {
    const family = familyOfAddress(value);
    if (!family) throw usageError(`--engine ${raw}: unsupported address scheme (use ${ENGINE_VALUE_HELP})`);
    const fam = forced ?? family;
    return { name: defaultName(fam, value), family: fam, address: value, source };
  }
  if (value.includes('/')) return runtimeEndpoint(value, source, ctx);
  const known = WELL_KNOWN_SOCKETS.find((s) => s.name === value);
  if (known) return { ...known, source };
  if (value === 'registry')
    return { name: 'registry', family: 'registry', address: DEFAULT_REGISTRY, source };
  if ((KNOWN_RUNTIMES as readonly string[]).includes(value) || forced === 'runtime-cli') {
    return runtimeEndpoint(value, source, ctx);
  }
  throw usageError(`--engine ${raw}: unknown engine (use ${ENGINE_VALUE_HELP})`);
}

/** Parses a Docker-API host variable (DOCKER_HOST, CONTAINER_HOST); only unix, tcp, http(s) are spoken. */
export function parseHostVariable(variable: string, value: string, name: string): EngineEndpoint {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !['unix', 'tcp', 'http', 'https'].includes(scheme)) {
    throw usageError(
      `${variable}=${value}: unsupported scheme (expected unix://, tcp://, http:// or https://)`,
    );
  }
  return { name, family: 'docker-api', address: value, source: variable };
}

/** Parses `--runtime 'NAME|PATH [GLOBAL-FLAG...]'`: words after the first are passed before every command. */
export async function parseRuntimeValue(raw: string, ctx: DiscoveryContext): Promise<EngineEndpoint> {
  const [first, ...args] = raw.trim().split(/\s+/);
  if (!first) throw usageError('--runtime needs a name or a path');
  if (SCHEME.test(first))
    throw usageError(`--runtime ${raw}: expected an executable name or path, not an address`);
  return runtimeEndpoint(first, `--runtime ${raw}`, ctx, args);
}
