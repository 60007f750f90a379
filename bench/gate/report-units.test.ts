import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import type { BenchDocument } from '../results/types.js';
import { compare } from './compare.js';
import { comparePaired } from './compare-paired.js';
import { formatGateMarkdown, formatGateReport } from './report.js';

/** A memory run: daemon RSS readings in MiB (the memory suite's unit), plus one startup figure in ms. */
function memoryRun(idle: number, extra: Record<string, unknown> = {}): BenchDocument {
  const readings = (base: number) => Array.from({ length: 8 }, (_, i) => base + (i % 3) * 0.25);
  const doc = fixtureDocument([
    { id: 'memory/daemon/idle', engine: 'docker', samples: readings(idle), ...extra },
    { id: 'memory/daemon/idle', engine: 'podman', samples: readings(idle * 2), ...extra },
    { id: 'startup/lifecycle/c1', engine: 'docker', samples: readings(300), ...extra },
  ]);
  for (const b of doc.benchmarks) if (b.id.startsWith('memory/')) b.unit = 'MiB';
  return doc;
}

describe('gate report units', () => {
  it('prints memory medians in MiB and durations in ms (text and Markdown)', () => {
    const report = compare(memoryRun(42), memoryRun(84));
    const text = formatGateReport(report);
    expect(text).toMatch(/memory\/daemon\/idle \[docker\]: median 42\.3 MiB -> 84\.3 MiB/);
    expect(text).not.toMatch(/42\.3 ms/);
    const md = formatGateMarkdown(report);
    expect(md).toMatch(/\| memory\/daemon\/idle \| docker \| 42\.3 MiB \| 84\.3 MiB \|/);
    expect(md).toMatch(/\| startup\/lifecycle\/c1 \| docker \| 300 ms \| 300 ms \|/);
  });

  it('keeps the unit on figures too small to judge and on paired A/B figures', () => {
    const short = (doc: BenchDocument) => {
      for (const b of doc.benchmarks) b.samples = b.samples.slice(0, 3);
      return doc;
    };
    const insufficient = compare(short(memoryRun(42)), short(memoryRun(50)));
    const idle = insufficient.comparisons.find((c) => c.name === 'memory/daemon/idle');
    expect(idle?.verdict).toBe('insufficient-data');
    expect(formatGateReport(insufficient)).toMatch(/median 42\.3 MiB -> 50\.3 MiB/);
    const rounds = Array.from({ length: 8 }, (_, i) => i);
    const paired = comparePaired(memoryRun(42, { rounds }), 'docker', 'podman');
    expect(formatGateMarkdown(paired)).toMatch(/\| 42\.3 MiB \| 84\.3 MiB \|/);
  });
});
