import type { Compression } from '../../spec/oci-image/media-types.js';
import type { PlatformSpec } from './platform.js';
import type { FileInfo, Inventory } from './source-types.js';
import type { Defect, Limits } from './types.js';

/** A place inside a JSON document: the file holding it and a JSON pointer. */
export interface Where {
  readonly blob: string;
  readonly pointer: string;
}

/** A layer blob to stream in the second pass. */
export interface LayerJob {
  readonly file: FileInfo;
  /** Declared compression; undefined for docker-archive layers (no media type to compare with). */
  readonly declared: Compression | undefined;
}

/** An image whose config diff_ids are compared with its layers once they have been streamed. */
export interface ImageRecord {
  /** The config's rootfs.diff_ids (as found; schema checks report a malformed value). */
  readonly diffIds: unknown;
  readonly where: Where;
  /** Real paths of the image's tar layers, in order; undefined where a layer is missing. */
  readonly layers: readonly (string | undefined)[];
}

/**
 * State of one validation run. Lifecycle: built from the scanned Inventory; the OCI walk and the
 * docker-archive check add defects, layer jobs and image records; the layer pass fills `diffIds`;
 * the diff_id comparison reads both.
 */
export class Context {
  readonly defects: Defect[] = [];
  readonly layerJobs = new Map<string, LayerJob>();
  readonly images: ImageRecord[] = [];
  /** Layer real path -> sha256 of its uncompressed content. */
  readonly diffIds = new Map<string, string>();
  /** With a platform: the platforms index children named, and how many children matched it. */
  readonly platforms = { offered: new Set<string>(), matched: 0 };

  constructor(
    readonly inv: Inventory,
    readonly limits: Limits,
    /** Follow only this platform's children in an index (`--platform`). */
    readonly platform?: PlatformSpec,
  ) {}

  add(...defects: readonly Defect[]): void {
    this.defects.push(...defects);
  }

  addLayer(file: FileInfo, declared: Compression | undefined): void {
    if (!this.layerJobs.has(file.realPath)) this.layerJobs.set(file.realPath, { file, declared });
  }
}
