import { InvalidArgument } from '../errors.js';
import type { ContainerRecord, DockerStatus, Filters } from './types.js';

const STATUSES: readonly DockerStatus[] = [
  'created',
  'restarting',
  'running',
  'removing',
  'paused',
  'exited',
  'dead',
];
const KEYS = [
  'id',
  'name',
  'label',
  'status',
  'exited',
  'ancestor',
  'before',
  'since',
  'volume',
  'network',
  'health',
  'isolation',
  'publish',
  'expose',
  'is-task',
];

/** `until`: a Unix time (seconds, fractions allowed), an RFC 3339 time, or a Go duration ago (`10m`, `1h30m`). */
export function parseUntil(value: string, now = Date.now()): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const dur = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value) ? goDurationMs(value) : undefined;
  if (dur !== undefined) return now - dur;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgument(`failed to parse value as time or duration: "${value}"`);
  return t;
}

function goDurationMs(text: string): number {
  const unit: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    ms += Number(m[1]) * (unit[m[2] as string] ?? 0);
  return ms;
}

/** `label=k` (present), `label=k=v` (equal); `label!=...` the negation. */
export function matchLabels(
  labels: Record<string, string>,
  want: readonly string[],
  notWant: readonly string[] = [],
): boolean {
  const has = (spec: string) => {
    const eq = spec.indexOf('=');
    return eq < 0 ? spec in labels : labels[spec.slice(0, eq)] === spec.slice(eq + 1);
  };
  return want.every(has) && !notWant.some(has);
}

export interface ListContext {
  /** Resolves an image reference to its id (undefined when unknown). */
  imageId(ref: string): string | undefined;
  /** Looks up a container for before/since (NotFound when unknown). */
  container(idOrName: string): ContainerRecord;
}

/** The network name a container shows for its NetworkMode. */
export function networkName(mode: string | undefined): string {
  if (!mode || mode === 'default' || mode === 'bridge') return 'bridge';
  return mode;
}

/** Checks the filter keys and values; `status` makes the list include stopped containers, as dockerd does. */
export function checkListFilters(filters: Filters): { impliesAll: boolean } {
  for (const key of Object.keys(filters))
    if (!KEYS.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
  for (const s of filters.status ?? [])
    if (!STATUSES.includes(s as DockerStatus)) throw new InvalidArgument(`Invalid filter 'status=${s}'`);
  for (const e of filters.exited ?? [])
    if (!/^-?\d+$/.test(e)) throw new InvalidArgument(`Invalid filter 'exited=${e}'`);
  for (const h of filters.health ?? [])
    if (!['starting', 'healthy', 'unhealthy', 'none'].includes(h))
      throw new InvalidArgument(`Invalid filter 'health=${h}'`);
  return { impliesAll: (filters.status?.length ?? 0) > 0 };
}

/** Whether `record` passes every filter (values of one key are ORed, keys ANDed). */
export function matchesFilters(record: ContainerRecord, filters: Filters, ctx: ListContext): boolean {
  const any = (key: string, test: (v: string) => boolean) => {
    const values = filters[key];
    return !values || values.length === 0 || values.some(test);
  };
  const status = record.removing ? 'removing' : record.state.status;
  const created = Date.parse(record.created);
  return (
    any('id', (v) => record.id.startsWith(v)) &&
    any('name', (v) => safeRegex(v).test(record.name) || safeRegex(v).test(record.name.slice(1))) &&
    matchLabels(record.config.Labels ?? {}, filters.label ?? []) &&
    any('status', (v) => v === status) &&
    any(
      'exited',
      (v) => status === 'exited' && record.state.hasBeenStarted && record.state.exitCode === Number(v),
    ) &&
    any(
      'ancestor',
      (v) =>
        record.imageRef === v ||
        record.image === ctx.imageId(v) ||
        record.image.replace(/^sha256:/, '').startsWith(v),
    ) &&
    any('before', (v) => created < Date.parse(ctx.container(v).created)) &&
    any('since', (v) => created > Date.parse(ctx.container(v).created)) &&
    any('volume', (v) => record.mounts.some((m) => m.Name === v || m.Destination === v || m.Source === v)) &&
    any('network', (v) => networkName(record.hostConfig.NetworkMode) === v) &&
    any('health', (v) => v === (record.state.health?.Status ?? 'none')) &&
    any('isolation', (v) => v === 'default' || v === '') &&
    any('publish', () => false) &&
    any('expose', () => false) &&
    any('is-task', (v) => v === 'false')
  );
}

function safeRegex(v: string): RegExp {
  try {
    return new RegExp(v);
  } catch {
    throw new InvalidArgument(`Invalid filter 'name=${v}'`);
  }
}
