import { describe, expect, it } from 'vitest';
import { Conflict } from '../../errors.js';
import { assertCan, assertTransition } from './status.js';

describe('lifecycle guards', () => {
  it('allows the lifecycle edges and refuses the rest', () => {
    expect(() => assertTransition('c', 'creating', 'created')).not.toThrow();
    expect(() => assertTransition('c', 'created', 'running')).not.toThrow();
    expect(() => assertTransition('c', 'running', 'stopped')).not.toThrow();
    expect(() => assertTransition('c', 'stopped', 'running')).toThrow(Conflict);
    expect(() => assertTransition('c', 'running', 'created')).toThrow(Conflict);
  });

  it('allows start only when created, delete only when stopped, kill when live', () => {
    expect(() => assertCan('c', 'start', 'created')).not.toThrow();
    expect(() => assertCan('c', 'start', 'running')).toThrow(/cannot start container c that is running/);
    expect(() => assertCan('c', 'delete', 'running')).toThrow(/not stopped/);
    expect(() => assertCan('c', 'kill', 'stopped')).toThrow(Conflict);
    expect(() => assertCan('c', 'kill', 'created')).not.toThrow();
  });
});
