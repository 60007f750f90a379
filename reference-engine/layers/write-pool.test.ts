import { describe, expect, it } from 'vitest';
import { type PoolItem, WritePool } from './write-pool.js';

const item = (path: string, size = 1): PoolItem => ({ parts: path.split('/'), size });

describe('WritePool', () => {
  it('batches queued items, sees conflicts with queued and running ones, drains everything', async () => {
    const batches: string[][] = [];
    const pool = new WritePool<PoolItem>(
      async (batch) => {
        batches.push(batch.map((i) => i.parts.join('/')));
      },
      { batchItems: 2, batchBytes: 1 << 20, maxJobs: 1 },
    );
    await pool.add(item('a/b/c'));
    expect(batches).toEqual([]); // queued, not yet written
    expect([
      pool.conflicts(['a', 'b', 'c']),
      pool.conflicts(['a']),
      pool.conflicts(['a', 'b', 'c', 'd']),
    ]).toEqual([true, true, true]);
    expect([pool.conflicts(['a', 'x']), pool.conflicts(['b'])]).toEqual([false, false]);
    await pool.add(item('a/x'));
    await pool.add(item('z'));
    await pool.drain();
    expect(batches).toEqual([['a/b/c', 'a/x'], ['z']]);
    expect([pool.size, pool.conflicts(['a', 'b', 'c'])]).toEqual([0, false]);
  });

  it('starts a batch once its bytes are reached and rethrows a failed batch at drain', async () => {
    let calls = 0;
    const pool = new WritePool<PoolItem>(
      async () => {
        calls++;
        throw new Error('disk on fire');
      },
      { batchItems: 100, batchBytes: 10, maxJobs: 2 },
    );
    await pool.add(item('big', 10));
    expect(calls).toBe(1);
    await expect(pool.drain()).rejects.toThrow('disk on fire');
    await pool.settle();
    expect(pool.size).toBe(0);
  });
});
