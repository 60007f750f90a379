import { InvalidArgument } from '../../errors.js';
import type { EventMessage } from '../../events/types.js';

const KEYS = [
  'container',
  'daemon',
  'event',
  'image',
  'label',
  'network',
  'type',
  'volume',
  'plugin',
  'node',
  'service',
  'secret',
  'config',
  'scope',
];

/** moby's daemon/events Filter: which messages a subscriber with `filters` gets. */
export function eventFilter(filters: Record<string, string[]>): (msg: EventMessage) => boolean {
  for (const key of Object.keys(filters))
    if (!KEYS.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
  const exact = (key: string, value: string | undefined) => {
    const wanted = filters[key] ?? [];
    return wanted.length === 0 || (value !== undefined && wanted.includes(value));
  };
  // FuzzyMatch: the value itself or a prefix of it (a short id).
  const fuzzy = (key: string, ...values: (string | undefined)[]) => {
    const wanted = filters[key] ?? [];
    return (
      wanted.length === 0 ||
      values.some((v) => v !== undefined && wanted.some((w) => v === w || v.startsWith(w)))
    );
  };
  const byName = (key: string, msg: EventMessage) => fuzzy(key, msg.Actor.ID, msg.Actor.Attributes.name);
  return (msg) => {
    const action = msg.Action.split(':')[0] ?? msg.Action;
    return (
      exact('event', action) &&
      exact('type', msg.Type) &&
      exact('scope', msg.scope) &&
      ['daemon', 'container', 'plugin', 'volume', 'network', 'node', 'service', 'secret', 'config'].every(
        (key) => byName(key, msg),
      ) &&
      imageMatches(filters.image ?? [], msg) &&
      labelsMatch(filters.label ?? [], msg.Actor.Attributes)
    );
  };
}

function imageMatches(wanted: string[], msg: EventMessage): boolean {
  if (wanted.length === 0) return true;
  const name = msg.Actor.Attributes[msg.Type === 'image' ? 'name' : 'image'] ?? '';
  const candidates = [msg.Actor.ID, name, stripTag(msg.Actor.ID), stripTag(name)];
  return candidates.some((c) => c !== '' && wanted.includes(c));
}

const stripTag = (ref: string): string => {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(0, colon) : ref;
};

function labelsMatch(wanted: string[], attributes: Record<string, string>): boolean {
  return wanted.every((expr) => {
    const eq = expr.indexOf('=');
    return eq < 0 ? expr in attributes : attributes[expr.slice(0, eq)] === expr.slice(eq + 1);
  });
}
