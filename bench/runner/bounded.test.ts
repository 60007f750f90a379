import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../core/errors.js';
import { bounded, message } from './bounded.js';

describe('bounded', () => {
  it('returns what f returns, sync or async', async () => {
    expect(await bounded('sync', 1000, () => 7)).toBe(7);
    expect(await bounded('async', 1000, async () => 'x')).toBe('x');
  });

  it('rejects with a TimeoutError naming the step and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const p = bounded('opening g', 20, (s) => {
      seen = s;
      return new Promise<void>(() => {});
    });
    await expect(p).rejects.toThrow(TimeoutError);
    await expect(p).rejects.toThrow('opening g timed out after 20 ms');
    expect(seen?.aborted).toBe(true);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const p = bounded('x', 1000, () => {
      throw new Error('boom');
    });
    await expect(p).rejects.toThrow('boom');
  });

  it('message reads errors and other thrown values', () => {
    expect(message(new Error('a'))).toBe('a');
    expect(message(3)).toBe('3');
  });
});
