import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { lackingReason } from '../../core/engines/capabilities.js';
import { isContainerFamily, openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { CORPUS_NAMES, type CorpusName } from '../corpus/corpora.js';
import { ENCODERS, type Encoder, encoderAvailability } from '../corpus/encode.js';
import type { BenchGroup, PlannedBenchmark, Skip, SuitePlan } from '../plan/plan.js';
import { type SuiteSettings, samplerFor } from '../plan/profile.js';
import type { IterationContext } from '../runner/types.js';
import { megabytesPerSecond } from '../stats/throughput.js';
import { type LayerFile, writeLayerFile } from './blobs.js';
import { corpusImage, type EngineLoader, engineLoader } from './engine-load.js';
import { gnuApply, gnuDecompress, gnuParse } from './gnu-tar.js';
import { referenceApply, referenceDecompress, referenceParse } from './reference.js';
import { type ApplyTarget, openTarget, TARGET_KINDS, type TargetKind } from './targets.js';

export type Contender = 'gnu-tar' | 'reference';
/** The quick profile keeps seconds-sized work: three corpora, three encodings, tmpfs only. */
export const QUICK_ENCODERS: readonly Encoder[] = ['none', 'gzip-6', 'zstd'];
export const QUICK_CORPORA: readonly CorpusName[] = ['small-files', 'large-files', 'links'];
export const QUICK_TARGETS: readonly TargetKind[] = ['tmpfs'];
export const QUICK_LOAD_CORPORA: readonly CorpusName[] = ['small-files', 'large-files'];

export interface ExtractionSettings extends SuiteSettings {
  readonly encoders?: readonly Encoder[];
  readonly corpora?: readonly CorpusName[];
  readonly targets?: readonly TargetKind[];
}

/** MB/s of payload and files/s (every tar entry) at the median duration, stored as `rates`. */
const ratesOf = (f: LayerFile) => (median: number) => ({
  rates:
    median > 0
      ? { 'MB/s': megabytesPerSecond(f.totals.bytes, median), 'files/s': f.entries / (median / 1000) }
      : {},
});

function planned(
  id: string,
  engine: string,
  f: LayerFile,
  s: SuiteSettings,
  parameters: Record<string, string>,
  iteration: (ctx: IterationContext) => Promise<unknown>,
): PlannedBenchmark {
  return {
    def: {
      id,
      engine,
      parameters: { corpus: f.corpus, encoding: f.encoder, profile: s.profile, ...parameters },
      iteration: async (ctx) => {
        await iteration(ctx);
      },
      work: { amount: f.totals.bytes, unit: 'MB/s' },
    },
    sampler: samplerFor('extraction', s),
    extras: ratesOf(f),
  };
}

function fileBenchmarks(f: LayerFile, targets: readonly ApplyTarget[], s: SuiteSettings): PlannedBenchmark[] {
  const base = `extract/${f.corpus}/${f.encoder}`;
  const ms = s.profile === 'full' ? 600_000 : 60_000;
  const out: PlannedBenchmark[] = [];
  if (f.encoder !== 'none') {
    out.push(
      planned(`${base}/decompress`, 'gnu-tar', f, s, { stage: 'decompress' }, () =>
        gnuDecompress(f.path, f.encoder, ms),
      ),
    );
    out.push(
      planned(`${base}/decompress`, 'reference', f, s, { stage: 'decompress' }, () =>
        referenceDecompress(f.path),
      ),
    );
  }
  out.push(
    planned(`${base}/parse`, 'gnu-tar', f, s, { stage: 'parse' }, () => gnuParse(f.path, f.encoder, ms)),
  );
  out.push(planned(`${base}/parse`, 'reference', f, s, { stage: 'parse' }, () => referenceParse(f.path)));
  for (const t of targets) {
    let n = 0;
    const apply = (contender: Contender) => async (ctx: IterationContext) => {
      const dir = await ctx.untimed(() => t.fresh(`${contender}-${n++}`));
      try {
        if (contender === 'gnu-tar') await gnuApply(f.path, f.encoder, dir, ms);
        else await referenceApply(f.path, dir);
      } finally {
        await ctx.untimed(() => t.clear(dir));
      }
    };
    const params = { stage: 'apply', target: t.kind, fs: t.fs };
    out.push(planned(`${base}/apply/${t.kind}`, 'gnu-tar', f, s, params, apply('gnu-tar')));
    out.push(planned(`${base}/apply/${t.kind}`, 'reference', f, s, params, apply('reference')));
  }
  return out;
}

/** GNU tar and the reference extractor over every corpus x encoding x stage (x target for apply). */
function toolGroup(s: ExtractionSettings, encoders: readonly Encoder[], skipped: Skip[]): BenchGroup {
  let dir = '';
  const targets: ApplyTarget[] = [];
  return {
    label: 'extraction [gnu-tar, reference]',
    engine: 'gnu-tar',
    async open() {
      dir = await mkdtemp(join(s.workDir, 'extraction-'));
      for (const kind of s.targets ?? (s.profile === 'quick' ? QUICK_TARGETS : TARGET_KINDS)) {
        const t = await openTarget(kind, s.workDir);
        if (typeof t === 'string') skipped.push({ benchmark: `extract/*/apply/${kind}`, message: t });
        else targets.push(t);
      }
      const out: PlannedBenchmark[] = [];
      for (const corpus of s.corpora ?? (s.profile === 'quick' ? QUICK_CORPORA : CORPUS_NAMES)) {
        for (const e of encoders) {
          const f = await writeLayerFile(dir, corpus, e, { profile: s.profile, seed: s.seed });
          out.push(...fileBenchmarks(f, targets, s));
        }
      }
      return out;
    },
    async close() {
      for (const t of targets.splice(0)) await t.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An engine's load path (docker-archive of one corpus layer) for the quick corpora, uncompressed. */
function loadGroup(e: EngineDescription, s: ExtractionSettings): BenchGroup {
  let dir = '';
  const loaders: EngineLoader[] = [];
  return {
    label: `extraction load [${e.name}]`,
    engine: e.name,
    async open() {
      dir = await mkdtemp(join(s.workDir, `load-${e.name}-`));
      const out: PlannedBenchmark[] = [];
      for (const corpus of s.corpora ?? (s.profile === 'quick' ? QUICK_LOAD_CORPORA : CORPUS_NAMES)) {
        const f = await writeLayerFile(dir, corpus, 'none', { profile: 'quick', seed: s.seed });
        const image = await corpusImage(f.path, `bench-${corpus}`);
        const ref = `shipshape-bench/extract-${corpus}:${s.runId}`;
        const loader = await engineLoader(openContainerEngine(e, { timeoutMs: 600_000 }), image, ref);
        loaders.push(loader);
        const p = planned(
          `extract/${corpus}/none/load`,
          e.name,
          f,
          { ...s, profile: 'quick' },
          { stage: 'load' },
          async (ctx) => {
            await ctx.phase('load', () => loader.load(ctx));
            await ctx.untimed(() => loader.unload());
          },
        );
        out.push({ ...p, sampler: samplerFor('extraction', s) });
      }
      return out;
    },
    async close() {
      for (const l of loaders.splice(0)) {
        await l.unload().catch(() => {});
        await l.close();
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The extraction suite: tool groups always, a load group per Docker-API or containerd engine. */
export function planExtraction(engines: readonly EngineDescription[], s: ExtractionSettings): SuitePlan {
  const skipped: Skip[] = [];
  const wanted = s.encoders ?? (s.profile === 'quick' ? QUICK_ENCODERS : ENCODERS);
  const encoders = wanted.filter((e) => {
    const a = encoderAvailability(e);
    if (!a.available) skipped.push({ benchmark: `extract/*/${e}`, message: a.reason });
    return a.available;
  });
  const groups = [toolGroup(s, encoders, skipped)];
  for (const e of engines) {
    const lacking = lackingReason(e, ['images.load']);
    if (lacking === undefined && isContainerFamily(e.family)) groups.push(loadGroup(e, s));
    else
      skipped.push({
        benchmark: 'extract/*/none/load',
        engine: e.name,
        message: lacking ?? `${e.name} (${e.family}) has no container engine to load images into`,
      });
  }
  return { groups, skipped };
}
