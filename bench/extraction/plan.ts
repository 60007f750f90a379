import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { lackingReason } from '../../core/engines/capabilities.js';
import { isContainerFamily, openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import {
  CORPUS_NAMES,
  type CorpusName,
  type CorpusProfile,
  corpusEntries,
  corpusTotals,
} from '../corpus/corpora.js';
import { ENCODERS, type Encoder, encoderAvailability } from '../corpus/encode.js';
import { plannedId } from '../plan/estimate.js';
import type { BenchGroup, PlannedBenchmark, PlannedId, Skip, SuitePlan } from '../plan/plan.js';
import { type BenchProfile, type SuiteSettings, samplerFor } from '../plan/profile.js';
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

/** What each profile covers: corpora x encodings x apply targets, and the corpora of engines' load path. */
export const EXTRACTION_MATRIX: Record<
  BenchProfile,
  {
    corpora: readonly CorpusName[];
    encoders: readonly Encoder[];
    targets: readonly TargetKind[];
    load: readonly CorpusName[];
  }
> = {
  quick: {
    corpora: QUICK_CORPORA,
    encoders: QUICK_ENCODERS,
    targets: QUICK_TARGETS,
    load: QUICK_LOAD_CORPORA,
  },
  // The default run: every corpus at standard size, the three usual encodings, tmpfs only.
  standard: {
    corpora: CORPUS_NAMES,
    encoders: QUICK_ENCODERS,
    targets: QUICK_TARGETS,
    load: QUICK_LOAD_CORPORA,
  },
  full: { corpora: CORPUS_NAMES, encoders: ENCODERS, targets: TARGET_KINDS, load: CORPUS_NAMES },
};

const STAGES = (e: Encoder, targets: readonly TargetKind[]): string[] => [
  ...(e === 'none' ? [] : ['decompress']),
  'parse',
  ...targets.map((t) => `apply/${t}`),
];

/** Ids of one corpus file: `extract/CORPUS/ENCODING/STAGE`. */
export const fileIds = (corpus: CorpusName, e: Encoder, targets: readonly TargetKind[]): string[] =>
  STAGES(e, targets).map((stage) => `extract/${corpus}/${e}/${stage}`);

/** Payload bytes and entries of a corpus at a size profile (no content generated). */
const sizeOf = (corpus: CorpusName, profile: CorpusProfile) => {
  const t = corpusTotals(corpusEntries(corpus, 1, profile));
  return { mb: t.bytes / 1e6, entries: t.files + t.directories + t.symlinks + t.hardlinks };
};

/**
 * A guess of one iteration's wall time (ms) on a loaded 2-core host, fitted to a standard-profile run here
 * (load average 10-12): a process start, then per MB and per tar entry by stage (gzip and zstd decode
 * about 6-7 ms/MB; an entry costs about 0.05 ms on tmpfs and 1.5 ms on a disk filesystem under load, where
 * the reference extractor's 20,000-file apply took 58 s); apply adds its untimed fresh and clear of the
 * target dir. The reference contender is counted 1.5 times GNU tar.
 */
export function extractionCostMs(stage: string, e: Encoder, size: { mb: number; entries: number }): number {
  const decode = e === 'none' ? 0 : e === 'zstd' ? 6 : 7;
  if (stage === 'decompress') return 15 + size.mb * decode;
  if (stage === 'parse') return 15 + size.mb * (decode + 2) + size.entries * 0.02;
  if (stage === 'load') return 200 + size.mb * 5 + size.entries * 0.3;
  const tmpfs = stage.endsWith('/tmpfs');
  return 60 + size.mb * (decode + (tmpfs ? 4 : 8)) + size.entries * (tmpfs ? 0.05 : 1.5);
}

/** Seconds to generate and encode one corpus file (gzip-9 is the slowest encoder). */
const writeMs = (e: Encoder, size: { mb: number; entries: number }) =>
  50 +
  size.mb * (e === 'none' ? 15 : e === 'gzip-9' ? 120 : e.startsWith('gzip') ? 60 : 25) +
  size.entries * 0.1;

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
  return out.filter((p) => !s.only || s.only(p.def.id));
}

/** GNU tar and the reference extractor over every corpus x encoding x stage (x target for apply). */
function toolGroup(s: ExtractionSettings, encoders: readonly Encoder[], skipped: Skip[]): BenchGroup {
  let dir = '';
  const targets: ApplyTarget[] = [];
  const m = EXTRACTION_MATRIX[s.profile];
  const corpora = s.corpora ?? m.corpora;
  const kinds = s.targets ?? m.targets;
  const wanted = (ids: readonly string[]) => !s.only || ids.some((id) => s.only?.(id));
  const ids: PlannedId[] = [];
  let setupMs = 0;
  for (const corpus of corpora) {
    const size = sizeOf(corpus, s.profile);
    for (const e of encoders) {
      const sampler = samplerFor('extraction', s);
      for (const id of fileIds(corpus, e, kinds)) {
        const stage = id.split('/').slice(3).join('/');
        const cost = extractionCostMs(stage, e, size);
        ids.push(plannedId(id, 'gnu-tar', sampler, cost), plannedId(id, 'reference', sampler, cost * 1.5));
      }
      if (wanted(fileIds(corpus, e, kinds))) setupMs += writeMs(e, size);
    }
  }
  return {
    label: 'extraction [gnu-tar, reference]',
    engine: 'gnu-tar',
    ids,
    setupMs,
    async open() {
      dir = await mkdtemp(join(s.workDir, 'extraction-'));
      for (const kind of kinds) {
        if (!wanted(corpora.flatMap((c) => encoders.map((e) => `extract/${c}/${e}/apply/${kind}`)))) continue;
        const t = await openTarget(kind, s.workDir);
        if (typeof t === 'string') skipped.push({ benchmark: `extract/*/apply/${kind}`, message: t });
        else targets.push(t);
      }
      const out: PlannedBenchmark[] = [];
      for (const corpus of corpora) {
        for (const e of encoders) {
          if (!wanted(fileIds(corpus, e, kinds))) continue; // no kept id reads this file: not written
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
  const corpora = (s.corpora ?? EXTRACTION_MATRIX[s.profile].load).filter(
    (c) => !s.only || s.only(`extract/${c}/none/load`),
  );
  const all = s.corpora ?? EXTRACTION_MATRIX[s.profile].load;
  const ids = all.map((c) =>
    plannedId(
      `extract/${c}/none/load`,
      e.name,
      samplerFor('extraction', s),
      extractionCostMs('load', 'none', sizeOf(c, 'quick')) *
        (/podman/i.test(`${e.product} ${e.name}`) ? 2 : 1),
    ),
  );
  return {
    label: `extraction load [${e.name}]`,
    engine: e.name,
    ids,
    setupMs: 1_000 * corpora.length,
    async open() {
      dir = await mkdtemp(join(s.workDir, `load-${e.name}-`));
      const out: PlannedBenchmark[] = [];
      for (const corpus of corpora) {
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
  const wanted = s.encoders ?? EXTRACTION_MATRIX[s.profile].encoders;
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
