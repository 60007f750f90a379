import { describe, expect, it } from 'vitest';
import {
  Conflict,
  httpStatusOf,
  InvalidArgument,
  NotFound,
  NotImplemented,
  NotModified,
  ReferenceEngineError,
} from './errors.js';

describe('engine errors', () => {
  it('map to their HTTP status, anything else to 500', () => {
    expect(httpStatusOf(new NotFound('x'))).toBe(404);
    expect(httpStatusOf(new Conflict('x'))).toBe(409);
    expect(httpStatusOf(new InvalidArgument('x'))).toBe(400);
    expect(httpStatusOf(new NotModified('x'))).toBe(304);
    expect(httpStatusOf(new NotImplemented('x'))).toBe(501);
    expect(httpStatusOf(new Error('boom'))).toBe(500);
    expect(httpStatusOf('string')).toBe(500);
  });

  it('carry a stable code, their class name and the cause', () => {
    const cause = new Error('inner');
    const err = new Conflict('in use', { cause });
    expect(err).toBeInstanceOf(ReferenceEngineError);
    expect(err.code).toBe('CONFLICT');
    expect(err.name).toBe('Conflict');
    expect(err.cause).toBe(cause);
    expect(new NotFound('gone').cause).toBeUndefined();
  });
});
