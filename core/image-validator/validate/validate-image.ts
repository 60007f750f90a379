import { isShipshapeError, TimeoutError } from '../../errors.js';
import { checkBlobFiles } from '../check-blob.js';
import { compareDiffIds } from '../compare-diff-ids.js';
import { Context } from '../context.js';
import { checkDockerArchive } from '../docker/check-docker-archive.js';
import { ImageReadError } from '../errors.js';
import { checkLayers } from '../layers/check-layers.js';
import { parsePlatform } from '../platform.js';
import { readJson } from '../read-json.js';
import { defect, type RuleId, UNVERIFIABLE } from '../rules.js';
import { checkDocument } from '../schema-check.js';
import { openSource } from '../source/open-source.js';
import { RegistrySource } from '../source/registry.js';
import type { ImageSource } from '../source-types.js';
import {
  DEFAULT_LIMITS,
  type Limits,
  type TargetFormat,
  type ValidateOptions,
  type ValidationReport,
} from '../types.js';
import { OciWalk } from '../walk-oci.js';

/**
 * Validate a whole image: an OCI layout directory or tar, or a `docker save` tar (both, when an archive
 * carries an OCI layout and a manifest.json), or an image in a registry (`http://127.0.0.1:5000/app:1`,
 * pulled through the distribution API). Throws ImageReadError when the target cannot be read at all
 * (or has no manifest for `platform`), TimeoutError past `timeoutMs`; every other problem is a defect
 * in the report. What cannot be verified (UNVERIFIABLE rules) is an error unless `lenient`.
 */
export async function validateImage(target: string, opts: ValidateOptions = {}): Promise<ValidationReport> {
  const { lenient = false, platform: platformText, ...bounds } = opts;
  const limits: Limits = { ...DEFAULT_LIMITS, ...definedOnly(bounds) };
  const platform = platformText === undefined ? undefined : parsePlatform(platformText);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let source: ImageSource | undefined;
  try {
    source = await openSource(target, limits, signal, platform);
    const ctx = new Context(await source.scan(), limits, platform);
    ctx.add(...ctx.inv.defects);
    const format = source instanceof RegistrySource ? 'registry' : formatOf(ctx);
    if (source instanceof RegistrySource) {
      checkBlobFiles(ctx);
      if (source.root) new OciWalk(ctx).root(source.root, source.ref.display);
    } else if (format !== 'docker-archive') checkOciLayout(ctx);
    const manifestJson = ctx.inv.files.get('manifest.json');
    if (manifestJson && format !== 'oci-layout' && format !== 'registry')
      checkDockerArchive(ctx, manifestJson);
    if (platform && ctx.platforms.matched === 0 && ctx.platforms.offered.size > 0) {
      const offered = [...ctx.platforms.offered].sort().join(', ');
      throw new ImageReadError(target, `no manifest for ${platformText} (the index offers ${offered})`);
    }
    if (!limits.skipLayerContents) await checkLayers(ctx, source, signal);
    compareDiffIds(ctx);
    // What could not be verified is an error unless the run is lenient.
    const defects = lenient
      ? ctx.defects.map((d) =>
          UNVERIFIABLE.has(d.ruleId as RuleId) ? { ...d, severity: 'warning' as const } : d,
        )
      : ctx.defects;
    return {
      target,
      container: source.container,
      format,
      valid: !defects.some((d) => d.severity === 'error'),
      defects,
    };
  } catch (err) {
    if (signal.aborted && !(err instanceof TimeoutError)) {
      throw new TimeoutError(`validating ${target}`, limits.timeoutMs, err);
    }
    // A file-system failure mid-scan (permissions, a file removed underneath us) means "cannot read".
    if (!isShipshapeError(err) && typeof (err as NodeJS.ErrnoException).code === 'string') {
      throw new ImageReadError(target, (err as Error).message, err);
    }
    throw err;
  } finally {
    await source?.close?.();
  }
}

function formatOf(ctx: Context): TargetFormat {
  const { files, dirs } = ctx.inv;
  const oci = files.has('oci-layout') || files.has('index.json') || dirs.has('blobs');
  const docker = files.has('manifest.json');
  if (oci && docker) return 'oci-layout+docker-archive';
  if (docker) return 'docker-archive';
  return oci ? 'oci-layout' : 'unknown';
}

function checkOciLayout(ctx: Context): void {
  const { files, dirs } = ctx.inv;
  const layout = files.get('oci-layout');
  if (!layout) ctx.add(defect('image:layout.oci-layout', 'oci-layout', 'the oci-layout file is missing'));
  else {
    const doc = readJson(ctx, layout);
    if (doc !== undefined) ctx.add(...checkDocument('oci-layout', doc, layout.path));
  }
  if (!dirs.has('blobs')) ctx.add(defect('image:layout.blobs', 'blobs', 'the blobs directory is missing'));
  checkBlobFiles(ctx);
  const index = files.get('index.json');
  if (!index) ctx.add(defect('image:layout.index-json', 'index.json', 'index.json is missing'));
  else new OciWalk(ctx).indexJson(index);
}

function definedOnly(opts: ValidateOptions): Partial<Limits> {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as Partial<Limits>;
}
