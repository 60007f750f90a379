import { describe, expect, it } from 'vitest';
import { seccompOf } from './describe.js';

describe('seccompOf (runtime.seccomp capability)', () => {
  it('is false only when features says linux.seccomp.enabled is false', () => {
    expect(seccompOf({ linux: { seccomp: { enabled: false } } })).toBe(false);
    expect(seccompOf({ linux: { seccomp: { enabled: true } } })).toBe(true);
  });

  it('is unknown (so the capability stays) without a features document or without the field', () => {
    expect(seccompOf(undefined)).toBeUndefined();
    expect(seccompOf({ linux: {} })).toBeUndefined();
    expect(seccompOf({ linux: { seccomp: { enabled: 'yes' } } })).toBeUndefined();
  });
});
