import {
  Annotation,
  isConfigType,
  isIndexType,
  isManifestType,
  layerCompression,
  MediaType,
} from '../../spec/oci-image/media-types.js';
import type { Descriptor } from '../../spec/oci-image/types.js';
import { blobPath, resolveBlob } from './check-blob.js';
import type { Context, Where } from './context.js';
import { sniffContent } from './layers/compression.js';
import { excludedByPlatform, platformText } from './platform.js';
import { isObject, readJson } from './read-json.js';
import { defect } from './rules.js';
import { checkDocument } from './schema-check.js';
import type { FileInfo } from './source-types.js';

/** Docker schema2 documents share the OCI structure but carry their own mediaType. */
const DOCKER_TYPE_RULES = new Set(['image:manifest.mediaType', 'image:index.mediaType']);

const REF_NAME =
  /^[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:\/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*$/;

/**
 * Follow the layout's references from index.json: indexes -> manifests -> config and layers, subjects.
 * Each manifest or index is checked once; an index on its own ancestor path is a cycle.
 */
export class OciWalk {
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: Context) {}

  /** Start from one descriptor (a manifest pulled from a registry); `blob` names where it came from. */
  root(desc: Descriptor, blob: string): void {
    this.descriptor(desc, { blob, pointer: '' }, []);
  }

  indexJson(file: FileInfo): void {
    const doc = readJson(this.ctx, file);
    if (doc === undefined) return;
    this.ctx.add(...checkDocument('index-json', doc, file.path));
    this.children(doc, file.path, [], true);
  }

  private children(doc: unknown, blob: string, ancestors: readonly string[], top: boolean): void {
    if (!isObject(doc)) return;
    const manifests = Array.isArray(doc.manifests) ? doc.manifests : [];
    manifests.forEach((desc, i) => {
      const at = { blob, pointer: `/manifests/${i}` };
      if (top) this.refName(desc, at);
      if (this.ctx.platform && isObject(desc) && isObject(desc.platform)) {
        if (excludedByPlatform(desc, this.ctx.platform)) {
          this.ctx.platforms.offered.add(platformText(desc.platform));
          return;
        }
        this.ctx.platforms.matched++;
      }
      this.descriptor(desc, at, ancestors);
    });
    this.subject(doc.subject, { blob, pointer: '/subject' });
  }

  private descriptor(desc: unknown, at: Where, ancestors: readonly string[]): void {
    const file = resolveBlob(this.ctx, desc, at);
    if (!file || !isObject(desc) || typeof desc.mediaType !== 'string') return;
    const type = desc.mediaType;
    if (!isIndexType(type) && !isManifestType(type)) {
      this.other(type, file, at);
      return;
    }
    const digest = String(desc.digest);
    if (!this.mayFollow(digest, at, ancestors)) return;
    if (!this.isJson(file, type, at)) return;
    const doc = readJson(this.ctx, file);
    if (doc === undefined) return;
    this.mediaTypeAgrees(doc, type, file.path);
    const kind = isIndexType(type) ? 'index' : 'manifest';
    const docker = type === MediaType.dockerList || type === MediaType.dockerManifest;
    const found = checkDocument(kind, doc, file.path);
    this.ctx.add(...found.filter((d) => !(docker && DOCKER_TYPE_RULES.has(d.ruleId))));
    if (kind === 'index') this.children(doc, file.path, [...ancestors, digest], false);
    else this.manifest(doc, file.path);
  }

  /** Not on its own ancestor path (a cycle), within the depth bound, and not checked already. */
  private mayFollow(digest: string, at: Where, ancestors: readonly string[]): boolean {
    const where = { blob: at.blob };
    if (ancestors.includes(digest)) {
      this.ctx.add(defect('image:graph.cycle', at.pointer, `${digest} refers back to itself`, where));
      return false;
    }
    if (ancestors.length >= this.ctx.limits.maxDepth) {
      const message = `index nesting deeper than ${this.ctx.limits.maxDepth}; ${digest} not followed`;
      this.ctx.add(defect('image:graph.depth', at.pointer, message, where));
      return false;
    }
    if (this.seen.has(digest)) return false;
    this.seen.add(digest);
    return true;
  }

  private manifest(doc: unknown, blob: string): void {
    if (!isObject(doc)) return;
    const config = resolveBlob(this.ctx, doc.config, { blob, pointer: '/config' });
    let diffIds: unknown;
    const configType = isObject(doc.config) ? String(doc.config.mediaType) : '';
    const configAt = { blob, pointer: '/config' };
    if (config && isConfigType(configType)) {
      const parsed = this.isJson(config, configType, configAt) ? readJson(this.ctx, config) : undefined;
      if (parsed !== undefined) this.ctx.add(...checkDocument('config', parsed, config.path));
      diffIds = isObject(parsed) && isObject(parsed.rootfs) ? parsed.rootfs.diff_ids : undefined;
    } else if (config) this.other(configType, config, configAt);
    const layers: (string | undefined)[] = [];
    (Array.isArray(doc.layers) ? doc.layers : []).forEach((desc, i) => {
      const at = { blob, pointer: `/layers/${i}` };
      const file = resolveBlob(this.ctx, desc, at);
      const type = isObject(desc) ? desc.mediaType : undefined;
      const compression = typeof type === 'string' ? layerCompression(type) : undefined;
      if (compression === undefined) {
        // Counted in place (its diff_id cannot be compared): an unknown compression is still a layer.
        layers.push(undefined);
        if (file && typeof type === 'string') this.other(type, file, at);
        return;
      }
      layers.push(file?.realPath);
      if (file) this.ctx.addLayer(file, compression);
    });
    if (config && diffIds !== undefined) {
      this.ctx.images.push({ diffIds, layers, where: { blob: config.path, pointer: '/rootfs/diff_ids' } });
    }
    this.subject(doc.subject, { blob, pointer: '/subject' });
  }

  /** A subject is a weak association: when it is absent from the layout, say so as a warning. */
  private subject(desc: unknown, at: Where): void {
    const digest = isObject(desc) ? desc.digest : undefined;
    const path = blobPath(digest);
    if (path === undefined) return;
    if (!this.ctx.inv.files.has(path)) {
      const message = `subject ${String(digest)} is not in this ${this.ctx.inv.place ?? 'layout'}`;
      this.ctx.add(defect('image:subject.dangling', at.pointer, message, { blob: at.blob }));
    } else resolveBlob(this.ctx, desc, at);
  }

  /**
   * A blob whose media type this walk does not read as a manifest, index, config or layer: a JSON type
   * (`application/json`, `+json`, the empty descriptor's) must hold JSON; anything else cannot be
   * verified, which is an error unless the run is lenient.
   */
  private other(type: string, file: FileInfo, at: Where): void {
    if (type === MediaType.ociEmpty || type === 'application/json' || type.endsWith('+json')) {
      if (this.isJson(file, type, at)) readJson(this.ctx, file);
      return;
    }
    const message = `${type} is not a media type this validator reads; ${file.path} was not verified beyond its digest`;
    this.ctx.add(defect('image:mediaType.unknown', `${at.pointer}/mediaType`, message, { blob: at.blob }));
  }

  /** The descriptor's media type says JSON: the blob must not be a tar, gzip, zstd, bzip2 or xz stream. */
  private isJson(file: FileInfo, type: string, at: Where): boolean {
    const kind = sniffContent(file.head);
    if (kind === 'json' || kind === 'unknown') return true; // readJson says what is wrong with text
    const message = `${at.pointer || 'the descriptor'} says ${type} (JSON), but the blob is a ${kind} stream`;
    this.ctx.add(defect('image:descriptor.mediaType.content', '', message, { blob: file.path }));
    return false;
  }

  private mediaTypeAgrees(doc: unknown, expected: string, blob: string): void {
    if (!isObject(doc) || typeof doc.mediaType !== 'string' || doc.mediaType === expected) return;
    const message = `document says ${doc.mediaType}, its descriptor says ${expected}`;
    this.ctx.add(defect('image:descriptor.mediaType.mismatch', '/mediaType', message, { blob }));
  }

  private refName(desc: unknown, at: Where): void {
    const name =
      isObject(desc) && isObject(desc.annotations) ? desc.annotations[Annotation.refName] : undefined;
    if (typeof name !== 'string' || REF_NAME.test(name)) return;
    const message = `${JSON.stringify(name)} does not follow the ref grammar`;
    this.ctx.add(
      defect('image:annotations.ref-name', `${at.pointer}/annotations/${Annotation.refName}`, message, {
        blob: at.blob,
      }),
    );
  }
}
