import { randomBytes, randomInt } from 'node:crypto';
import { InvalidArgument } from '../errors.js';
import { LEFT, RIGHT } from './name-words.js';

/** Docker's container name rule: an optional '/', then [a-zA-Z0-9] and at least one [a-zA-Z0-9_.-]. */
const NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The canonical form of a valid name ('/web'); InvalidArgument with dockerd's message otherwise. */
export function checkName(name: string): string {
  if (!NAME.test(name))
    throw new InvalidArgument(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return name.startsWith('/') ? name : `/${name}`;
}

/** A 64-hex container id whose 12-char short form is never all digits (Docker avoids those too). */
export function newContainerId(): string {
  for (let i = 0; i < 100; i++) {
    const id = randomBytes(32).toString('hex');
    if (!/^\d+$/.test(id.slice(0, 12))) return id;
  }
  throw new Error('could not generate a container id');
}

/**
 * A Docker-style generated name (`/adjective_scientist`), retrying with a digit suffix as dockerd does
 * when `taken` says the name is in use. Bounded: after the retries it falls back to the id prefix.
 */
export function generateName(taken: (name: string) => boolean, id: string): string {
  for (let retry = 0; retry < 10; retry++) {
    const base = `${LEFT[randomInt(LEFT.length)]}_${RIGHT[randomInt(RIGHT.length)]}`;
    const name = `/${retry === 0 ? base : `${base}${randomInt(10)}`}`;
    if (!taken(name)) return name;
  }
  return `/${id.slice(0, 12)}`;
}
