import type { GateReport } from '../../../bench/gate/types.js';
import { fixtureDocument, fixtureResult } from '../../../bench/results/fixture.js';
import type { BenchDocument } from '../../../bench/results/types.js';
import { totalsByEngine } from '../../../core/results/totals.js';
import type { RunResults } from '../../../core/results/types.js';
import { fixtureTest } from '../../testing/fixture-parts.js';
import { fixtureRun } from './run-fixture.js';

/**
 * Test support: pages the size of a real run, for looking at them in a browser. Values are made from a
 * fixed pseudo-random sequence (no benchmark is run), so every render is the same.
 */

/** A small linear congruential sequence in [0, 1): the same numbers on every run. */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ROUNDS = 12;
const rounds = Array.from({ length: ROUNDS }, (_, i) => i);

/** `n` samples around `median`, spread ±`spread` (a fraction). */
const around = (next: () => number, median: number, spread: number): number[] =>
  rounds.map(() => median * (1 + spread * (2 * next() - 1)));

/** Engine -> how much slower than docker it is on each kind of figure (1: the same). */
const ENGINES: Record<string, { startup: number; extract: number; memory: number }> = {
  docker: { startup: 1, extract: 1, memory: 1 },
  podman: { startup: 1.6, extract: 0.98, memory: 0.4 },
  shipd: { startup: 0.7, extract: 1.3, memory: 0.25 },
};

/**
 * A bench run as `shipshape bench --interleave` writes it for three engines: startup at three
 * concurrency levels (with phases and throughput), extraction of four corpora, and memory figures, with a
 * gate against a baseline. Some differences are significant, some are not.
 */
export function fixtureBenchRun(): { doc: BenchDocument; gate: GateReport } {
  const next = sequence(7);
  const figures = [];
  for (const [engine, k] of Object.entries(ENGINES)) {
    for (const c of [1, 4, 16]) {
      const m = 280 * k.startup * (1 + c / 20);
      figures.push({
        id: `startup/run/c${c}`,
        engine,
        samples: around(next, m, 0.08),
        phases: {
          create: around(next, m * 0.3, 0.1),
          start: around(next, m * 0.55, 0.1),
          wait: around(next, m * 0.15, 0.2),
        },
        rounds,
      });
    }
    for (const corpus of ['small-files/gzip-6', 'large-file/zstd', 'many-layers/gzip-1', 'deep-tree/none']) {
      figures.push({
        id: `extract/${corpus}`,
        engine,
        samples: around(next, 900 * k.extract, 0.15),
        rounds,
      });
    }
  }
  const doc = fixtureDocument(figures, {
    ...fixtureDocument([]).environment,
    engines: { docker: '20.10.24', podman: '4.3.1', shipd: '0.1.0' },
  });
  for (const [engine, k] of Object.entries(ENGINES)) {
    for (const [id, mib] of [
      ['memory/daemon-idle', 60],
      ['memory/daemon-with-containers', 140],
      ['memory/shim-per-container', 9],
    ] as const) {
      doc.benchmarks.push({
        ...fixtureResult({ id, engine, samples: around(next, mib * k.memory, 0.03), rounds }),
        unit: 'MiB',
      });
    }
  }
  for (const b of doc.benchmarks)
    if (b.id.startsWith('startup/')) b.throughput = { unit: 'containers/s', value: 1000 / b.summary.median };
  const gate: GateReport = {
    // cast: the gate's options grow while this fixture names only what the page shows
    options: {
      threshold: 0.1,
      alpha: 0.05,
      correction: 'holm',
      minSamples: 6,
      phases: true,
    } as GateReport['options'],
    comparisons: doc.benchmarks
      .filter((b) => b.unit === 'ms')
      .map((b, i) => {
        const ratio = i % 7 === 3 ? 1.42 : 1 + ((i % 5) - 2) / 100;
        return {
          name: b.id,
          engine: b.engine,
          verdict: ratio > 1.1 ? 'regression' : 'no-change',
          baseline: { n: ROUNDS, median: b.summary.median / ratio },
          current: { n: ROUNDS, median: b.summary.median },
          ratio,
          ratioCi: { level: 0.95, low: ratio - 0.04, high: ratio + 0.04 },
          p: ratio > 1.1 ? 0.0001 : 0.4,
          pAdjusted: ratio > 1.1 ? 0.002 : 0.9,
          reason: ratio > 1.1 ? `slower by ${Math.round((ratio - 1) * 100)}%` : 'not significant',
        };
      }),
    onlyInBaseline: [],
    onlyInCurrent: [],
    environmentNotes: [],
  };
  return { doc, gate };
}

/**
 * The hand-made conformance run (every status, hostile names) with what real runs have too: long test
 * names, messages holding long unbroken paths and JSON, many requirement ids.
 */
export function fixtureConformanceRun(): RunResults {
  const run = fixtureRun();
  const long = `/var/lib/shipshape/overlay2/${'0123456789abcdef'.repeat(8)}/merged/etc/hostname`;
  run.tests.push(
    fixtureTest(
      'docker',
      'lifecycle',
      'a container started with a read-only root filesystem and a tmpfs at /run keeps its writes in the tmpfs',
      'fail',
      `expected ${long} to be absent; got {"Id":"${'f'.repeat(64)}","State":{"Status":"exited","ExitCode":1}}`,
    ),
    {
      ...fixtureTest('podman', 'lifecycle', 'many requirements', 'pass'),
      requirements: Array.from({ length: 14 }, (_, i) => `docker-api:containers-create-${i}`),
    },
  );
  run.totals = totalsByEngine(
    run.engines.map((e) => e.name),
    run.tests,
  );
  return run;
}
