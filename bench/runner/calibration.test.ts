import { describe, expect, it } from 'vitest';
import { buildBenchDocument } from '../results/build.js';
import { FIXED_ENVIRONMENT } from '../results/fixture.js';
import { benchDocumentErrors } from '../results/validate.js';
import { calibrationRecorder, HOST_CALIBRATION_ID, hostReferenceWorkload } from './calibration.js';
import { sample } from './sample.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('host calibration', () => {
  it('spawns the reference command and times it; a failing command rejects', async () => {
    expect(await hostReferenceWorkload({ count: 2 })).toBeGreaterThan(0);
    await expect(hostReferenceWorkload({ count: 1, command: '/bin/false' })).rejects.toThrow(/exited 1/);
  });

  it('runs after measured iterations only, one at a time, off the clock', async () => {
    let inWorkload = 0;
    let peak = 0;
    const rec = calibrationRecorder(async () => {
      peak = Math.max(peak, ++inWorkload);
      for (let i = 0; i < 5; i++) await tick();
      inWorkload--;
      return 7;
    }, 'fake');
    const set = await sample(
      rec.wrap(async (ctx) => void ctx.record('work', 1)),
      { warmup: 3, minSamples: 12, maxSamples: 12, concurrency: 4 },
    );
    expect(set.samples).toHaveLength(12);
    expect(peak).toBe(1);
    expect(rec.samples.length).toBeGreaterThan(0);
    expect(rec.samples.length).toBeLessThanOrEqual(12);
    expect(rec.samples.every((x) => x === 7)).toBe(true);
    expect(Math.max(...set.samples)).toBeLessThan(50); // the workload's time is not in the iterations
  });

  it('a failing workload is noted, never fails the iteration; result() is a schema-valid figure', async () => {
    let n = 0;
    const rec = calibrationRecorder(async () => {
      if (n++ === 0) throw new Error('no /bin/true');
      return 5 + n;
    }, 'fake x1');
    const set = await sample(
      rec.wrap(() => {}),
      { warmup: 1, minSamples: 8, maxSamples: 8 },
    );
    expect(set.errors).toEqual([]);
    expect(rec.failures).toEqual(['no /bin/true']);
    const result = rec.result({ seed: 1, resamples: 100 });
    expect(result).toMatchObject({
      id: HOST_CALIBRATION_ID,
      engine: 'host',
      parameters: { workload: 'fake x1' },
    });
    expect(result?.samples).toHaveLength(7);
    const doc = buildBenchDocument({
      startedAt: new Date(0),
      finishedAt: new Date(1),
      environment: FIXED_ENVIRONMENT,
      settings: { seed: 1, resamples: 100 },
      benchmarks: result ? [result] : [],
    });
    expect(benchDocumentErrors(doc)).toEqual([]);
    expect(calibrationRecorder(async () => 1).result()).toBeUndefined();
  });
});
