import type { ContainerRecord } from './types.js';

/** go-units' HumanDuration: "Less than a second", "5 seconds", "About a minute", "3 hours", ... */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** The list's Status column, as dockerd's State.String(). */
export function statusText(record: ContainerRecord, now = Date.now()): string {
  const s = record.state;
  const since = (t: string) => humanDuration(now - Date.parse(t));
  if (s.status === 'paused') return `Up ${since(s.startedAt)} (Paused)`;
  if (s.status === 'restarting') return `Restarting (${s.exitCode}) ${since(s.finishedAt)} ago`;
  if (s.status === 'running') return `Up ${since(s.startedAt)}${healthText(s.health?.Status)}`;
  if (record.removing) return 'Removal In Progress';
  if (s.status === 'dead') return 'Dead';
  if (!s.hasBeenStarted) return 'Created';
  return `Exited (${s.exitCode}) ${since(s.finishedAt)} ago`;
}

/** dockerd's Health.String() after the uptime: ` (health: starting)`, ` (healthy)`, ` (unhealthy)`. */
const healthText = (status: string | undefined): string =>
  status === undefined ? '' : status === 'starting' ? ' (health: starting)' : ` (${status})`;
