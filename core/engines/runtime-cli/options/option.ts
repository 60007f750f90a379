import type { OciConfig } from '../../../../spec/oci-runtime.js';

/** A functional option: edits the config that buildBundle will write. */
export type BundleOption = (config: OciConfig) => void;
